package dev.nabla;

/** Anomaly mode found the first op whose forward or backward produced NaN or Inf; the message names the op, its inputs and the module. */
public class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public AnomalyException(String message) { super(message); }
}
