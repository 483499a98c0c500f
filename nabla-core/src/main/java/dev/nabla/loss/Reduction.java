package dev.nabla.loss;

/** How a loss combines per-element values: their mean (default), their sum, or none (per element). */
public enum Reduction { MEAN, SUM, NONE }
