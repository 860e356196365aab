package dev.stride.bench.cli;

/**
 * One axis of an op whose output cells read windows of input cells, as the picture of
 * {@code ./stride explain} needs it: how many outputs, which input coordinates output {@code o} reads, and
 * the extent of the drawn grid (input, padding, and any overhang).
 */
interface ExplainWindowAxis {
    /** Input size along the axis. */
    int in();

    /** Output size along the axis (from the op's parameter record). */
    int out();

    /** Input coordinates (negative or past the end for padding) read by output {@code o}. */
    int[] window(int o);

    /** The picture's axis. */
    AsciiGrid.Axis gridAxis();
}
