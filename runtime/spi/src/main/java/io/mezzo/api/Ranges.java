package io.mezzo.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of integers written as ranges. Always normalized: sorted, with overlapping and
 * adjacent ranges merged, so equal sets are equal records.
 */
public record Ranges(List<Range> ranges) implements Value {
    public static final Ranges EMPTY = new Ranges(List.of());

    public Ranges {
        ranges = normalize(ranges);
    }

    public static Ranges of(Range... ranges) {
        return new Ranges(List.of(ranges));
    }

    public static Ranges of(long begin, long end) {
        return new Ranges(List.of(new Range(begin, end)));
    }

    private static List<Range> normalize(Collection<Range> input) {
        List<Range> sorted = new ArrayList<>(input);
        for (Range r : sorted) {
            if (r == null) {
                throw new IllegalArgumentException("ranges must not contain null");
            }
        }
        sorted.sort(null);
        List<Range> out = new ArrayList<>(sorted.size());
        for (Range r : sorted) {
            if (!out.isEmpty()) {
                Range last = out.get(out.size() - 1);
                // Merge overlapping and adjacent ranges ([1-2] and [3-4] become [1-4]).
                if (r.begin() <= last.end() || r.begin() - 1 == last.end()) {
                    out.set(out.size() - 1, new Range(last.begin(), Math.max(last.end(), r.end())));
                    continue;
                }
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    static Ranges parse(String text) {
        String t = text.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new IllegalArgumentException("ranges must look like [a-b,c-d], not '" + text + "'");
        }
        String body = t.substring(1, t.length() - 1).strip();
        List<Range> out = new ArrayList<>();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                String[] ends = part.strip().split("-");
                if (ends.length != 2) {
                    throw new IllegalArgumentException("range '" + part.strip() + "' must look like a-b");
                }
                try {
                    out.add(new Range(Long.parseLong(ends[0].strip()), Long.parseLong(ends[1].strip())));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("range '" + part.strip() + "' must hold two non-negative integers");
                }
            }
        }
        return new Ranges(out);
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The number of integers in the set. */
    public long count() {
        long n = 0;
        for (Range r : ranges) {
            n += r.size();
        }
        return n;
    }

    public Ranges plus(Ranges other) {
        List<Range> all = new ArrayList<>(ranges);
        all.addAll(other.ranges);
        return new Ranges(all);
    }

    public Ranges minus(Ranges other) {
        List<Range> out = new ArrayList<>();
        int j = 0;
        for (Range r : ranges) {
            long begin = r.begin();
            long end = r.end();
            while (j < other.ranges.size() && other.ranges.get(j).end() < begin) {
                j++;
            }
            int k = j;
            boolean tailLeft = true;
            while (k < other.ranges.size() && other.ranges.get(k).begin() <= end) {
                Range cut = other.ranges.get(k);
                if (cut.begin() > begin) {
                    out.add(new Range(begin, cut.begin() - 1));
                }
                if (cut.end() >= end) {
                    // Decided before computing "cut.end() + 1", which wraps at Long.MAX_VALUE.
                    tailLeft = false;
                    break;
                }
                begin = Math.max(begin, cut.end() + 1);
                k++;
            }
            if (tailLeft) {
                out.add(new Range(begin, end));
            }
        }
        return new Ranges(out);
    }

    public boolean contains(Ranges other) {
        int i = 0;
        for (Range r : other.ranges) {
            while (i < ranges.size() && ranges.get(i).end() < r.begin()) {
                i++;
            }
            if (i == ranges.size() || ranges.get(i).begin() > r.begin() || ranges.get(i).end() < r.end()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String typeName() {
        return "RANGES";
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            out.append(i == 0 ? "" : ",").append(ranges.get(i));
        }
        return out.append(']').toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
