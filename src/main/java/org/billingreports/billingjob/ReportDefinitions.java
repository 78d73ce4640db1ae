package org.billingreports.billingjob;

import org.billingreports.kernel.ReportVersion;

/**
 * Where the billing job finds the report it bills. The reports themselves belong to the report API,
 * which implements this; the job never depends on that layer.
 */
public interface ReportDefinitions {

	/** @throws IllegalStateException when the report no longer exists (deleted while its job waited) */
	ReportToBill toBill(ReportVersion run);

}
