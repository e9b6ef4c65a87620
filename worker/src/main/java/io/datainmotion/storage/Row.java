package io.datainmotion.storage;

import java.util.Arrays;

/** One row for one table: the values in the order of {@link StorageTable#columns()}. */
public record Row(StorageTable table, Object[] values) {

    public Row {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException(table + " has " + table.columns().size() + " columns, got "
                    + values.length + " values");
        }
    }

    public Object value(String column) {
        return values[table.columns().indexOf(column)];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row that && table == that.table && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * table.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return table.tableName() + Arrays.toString(values);
    }
}
