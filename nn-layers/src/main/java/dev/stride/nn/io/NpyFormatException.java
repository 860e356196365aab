package dev.stride.nn.io;

import java.io.IOException;

/**
 * A {@code .npy} file that cannot be read as Stride needs it: malformed or truncated, an unsupported
 * dtype, Fortran order, or a shape that does not fit a Java array. The message is one line naming the
 * file (or the source name given to the reader) and the fault.
 */
public final class NpyFormatException extends IOException {
    private final String source;

    public NpyFormatException(String source, String fault) {
        super(source + ": " + fault);
        this.source = source;
    }

    /** The file (or source name) the fault is in. */
    public String source() { return source; }
}
