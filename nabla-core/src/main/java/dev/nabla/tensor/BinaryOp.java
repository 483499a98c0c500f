package dev.nabla.tensor;

/** The elementwise binary functions the broadcasting kernel knows; each computes in double. */
public enum BinaryOp {
    ADD { public double apply(double a, double b) { return a + b; } },
    SUB { public double apply(double a, double b) { return a - b; } },
    MUL { public double apply(double a, double b) { return a * b; } },
    DIV { public double apply(double a, double b) { return a / b; } },
    MAX { public double apply(double a, double b) { return Math.max(a, b); } },
    MIN { public double apply(double a, double b) { return Math.min(a, b); } },
    GT { public double apply(double a, double b) { return a > b ? 1 : 0; } },
    LT { public double apply(double a, double b) { return a < b ? 1 : 0; } },
    EQ { public double apply(double a, double b) { return a == b ? 1 : 0; } };

    public abstract double apply(double a, double b);

    /** The float32 result, computed so that ADD/SUB/MUL/DIV round exactly as a float op would. */
    public float applyFloat(float a, float b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            default: return (float) apply(a, b);
        }
    }
}
