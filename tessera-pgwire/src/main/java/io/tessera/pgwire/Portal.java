package io.tessera.pgwire;

import io.tessera.sql.api.Cursor;
import io.tessera.sql.api.ResultColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * A bound statement (Bind) and, once executed, its running cursor. A portal executed with a row
 * limit stays suspended with its cursor open until the next Execute, Close, or the end of the
 * transaction.
 */
final class Portal {
    private final String name;
    private final PreparedEntry statement;
    private final List<Object> parameters;
    private final List<Short> resultFormats;
    private Cursor cursor;
    private boolean suspended;
    private String completedTag;

    Portal(String name, PreparedEntry statement, List<Object> parameters, List<Short> resultFormats) {
        this.name = name;
        this.statement = statement;
        this.parameters = parameters;
        this.resultFormats = List.copyOf(resultFormats);
    }

    String name() { return name; }
    PreparedEntry statement() { return statement; }
    List<Object> parameters() { return parameters; }
    Cursor cursor() { return cursor; }
    boolean isSuspended() { return suspended; }
    boolean isCompleted() { return completedTag != null; }
    String completedTag() { return completedTag; }
    boolean hasPerColumnFormats() { return resultFormats.size() > 1; }

    void started(Cursor c) {
        if (cursor != null || completedTag != null) {
            throw new IllegalStateException("portal " + name + " already started");
        }
        cursor = c;
    }

    void suspend() { suspended = true; }

    void complete(String tag) {
        completedTag = tag;
        close();
    }

    /** Format code of result column {@code column}: none given means text, one means all. */
    short format(int column) {
        return switch (resultFormats.size()) {
            case 0 -> ValueCodec.TEXT;
            case 1 -> resultFormats.get(0);
            default -> resultFormats.get(column);
        };
    }

    List<FieldDescription> describe(List<ResultColumn> columns) {
        List<FieldDescription> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            fields.add(FieldDescription.of(columns.get(i), format(i)));
        }
        return fields;
    }

    void close() {
        Cursor c = cursor;
        cursor = null;
        if (c != null) {
            c.close();
        }
    }
}
