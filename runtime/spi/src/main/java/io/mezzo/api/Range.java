package io.mezzo.api;

/** An inclusive range of non-negative integers, such as a span of ports. */
public record Range(long begin, long end) implements Comparable<Range> {
    public Range {
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("invalid range [" + begin + "-" + end + "]");
        }
    }

    public long size() {
        return end - begin + 1;
    }

    @Override
    public int compareTo(Range other) {
        int c = Long.compare(begin, other.begin);
        return c != 0 ? c : Long.compare(end, other.end);
    }

    @Override
    public String toString() {
        return begin + "-" + end;
    }
}
