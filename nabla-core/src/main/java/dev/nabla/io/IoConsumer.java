package dev.nabla.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, for writing bodies passed to {@link AtomicFiles}. */
@FunctionalInterface
public interface IoConsumer<T> {
    /** Consumes {@code value}. */
    void accept(T value) throws IOException;
}
