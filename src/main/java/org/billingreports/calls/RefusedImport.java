package org.billingreports.calls;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.billingreports.kernel.ErrorResponse;

/**
 * The answer to an import refused for its rejected lines (422): the import's own fields, as a client
 * following it reads them, and beside them ServiceStack's {@code responseStatus}, as every other error has.
 */
record RefusedImport(@JsonUnwrapped ImportInfo info, ErrorResponse.ResponseStatus responseStatus) {

	static RefusedImport of(ImportInfo info) {
		return new RefusedImport(info, ErrorResponse.of("ImportRefused", info.statusMessage(), List.of())
			.responseStatus());
	}

}
