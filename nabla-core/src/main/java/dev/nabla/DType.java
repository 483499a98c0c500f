package dev.nabla;

/** Element type of a {@link Tensor}: 32-bit float (the default) or 64-bit float (for gradient checks and exact study). */
public enum DType {
    FLOAT32("F32", 4),
    FLOAT64("F64", 8);

    private final String safetensorsName;
    private final int byteSize;

    DType(String safetensorsName, int byteSize) {
        this.safetensorsName = safetensorsName;
        this.byteSize = byteSize;
    }

    /** The dtype string used in a safetensors header ("F32", "F64"). */
    public String safetensorsName() { return safetensorsName; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** Parses "float32"/"f32"/"F32" or "float64"/"f64"/"double". */
    public static DType parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "float32": case "f32": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default: throw new IllegalArgumentException("unknown dtype '" + name + "' (expected float32 or float64)");
        }
    }

    @Override public String toString() { return this == FLOAT32 ? "float32" : "float64"; }
}
