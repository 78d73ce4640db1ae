package org.billingreports.billingjob;

import java.util.Map;

import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.support.AbstractSqlPagingQueryProvider;

/**
 * The rating reader's queries: pages of one account's call records by keyset on the id
 * ({@code id > :_id}), ordered by {@code account_id, id}, which within one account is the id order.
 * Naming both columns lets PostgreSQL and H2 alike walk the {@code (account_id, id)} index instead of
 * sorting each page: H2 sees the index's order only so, and otherwise sorts every page (quadratic).
 */
final class CallsInIdOrder extends AbstractSqlPagingQueryProvider {

	CallsInIdOrder(String selectClause, String whereClause) {
		setSelectClause(selectClause);
		setFromClause("call_record");
		setWhereClause(whereClause);
		setSortKeys(Map.of("id", Order.ASCENDING));
	}

	@Override
	public String generateFirstPageQuery(int pageSize) {
		return query(getWhereClause(), pageSize);
	}

	@Override
	public String generateRemainingPagesQuery(int pageSize) {
		return query("(" + getWhereClause() + ") AND id > " + getSortKeyPlaceHolder("id"), pageSize);
	}

	private String query(String where, int pageSize) {
		return "SELECT " + getSelectClause() + " FROM " + getFromClause() + " WHERE " + where
				+ " ORDER BY account_id, id LIMIT " + pageSize;
	}

}
