package org.billingreports.statement;

import java.util.function.Consumer;

/** Rows read one at a time from the database (a report's lines, its calls), never all held at once. */
@FunctionalInterface
interface RowSource<T> {

	void forEach(Consumer<T> action);

}
