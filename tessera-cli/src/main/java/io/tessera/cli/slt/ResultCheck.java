package io.tessera.cli.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Compares a query's rendered rows with its expected block: sorts them by the sort mode, then
 * compares values one by one, or the count and MD5 when the file gives a hash line.
 */
final class ResultCheck {
    /** The reference harness hashes results of more than 8 values unless a file says otherwise. */
    static final int DEFAULT_HASH_THRESHOLD = 8;

    private ResultCheck() {
    }

    /**
     * The outcome: whether it matched, and the actual result in the form the file would show it.
     * Either form of the expected block is accepted whatever the threshold: a valid file only holds
     * a hash line past the threshold, so this equals the reference harness's check on valid files.
     */
    record Verdict(boolean matches, List<String> actualLines) {
        Verdict {
            actualLines = List.copyOf(actualLines);
        }
    }

    static Verdict check(List<List<String>> rows, SortMode sortMode, int hashThreshold, Expected expected) {
        List<String> values = sortedValues(rows, sortMode);
        boolean matches = switch (expected) {
            case Expected.Values v -> v.values().equals(values);
            case Expected.Hash h -> h.count() == values.size() && h.md5().equals(md5(values));
        };
        return new Verdict(matches, display(values, hashThreshold));
    }

    /** The values in comparison order: rows as returned, rows sorted, or every value sorted. */
    static List<String> sortedValues(List<List<String>> rows, SortMode sortMode) {
        List<String> values = new ArrayList<>();
        switch (sortMode) {
            case NOSORT -> rows.forEach(values::addAll);
            case ROWSORT -> {
                List<List<String>> sorted = new ArrayList<>(rows);
                sorted.sort(ResultCheck::compareRows);
                sorted.forEach(values::addAll);
            }
            case VALUESORT -> {
                rows.forEach(values::addAll);
                values.sort(Comparator.naturalOrder());
            }
        }
        return List.copyOf(values);
    }

    /**
     * {@code strcmp} column by column. Rendered values are ASCII (T replaces every other byte by
     * '@'), so String order is byte order.
     */
    static int compareRows(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * What the file would hold for these values: the values, or past the threshold the hash line,
     * followed by the values themselves so that a reader can see what differs.
     */
    static List<String> display(List<String> values, int hashThreshold) {
        if (hashThreshold > 0 && values.size() > hashThreshold) {
            List<String> lines = new ArrayList<>(values.size() + 1);
            lines.add(hashLine(values));
            lines.addAll(values);
            return lines;
        }
        return values;
    }

    static String hashLine(List<String> values) {
        return values.size() + " values hashing to " + md5(values);
    }

    /** MD5 of every value followed by a newline, as lowercase hex. */
    static String md5(List<String> values) {
        MessageDigest digest = newMd5();
        for (String value : values) {
            digest.update(value.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform must provide MD5", e);
        }
    }
}
