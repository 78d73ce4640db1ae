package org.billingreports.ingestion;

/**
 * A FreeSWITCH call leg as its module wrote it, JSON or XML: what the mapping reads of it
 * ({@link FreeSwitchLeg}), with the variables' values decoded.
 */
interface LegDocument {

	/** A channel variable ({@code variables.<name>}), decoded; {@code null} when absent or empty. */
	String variable(String name);

	/** A field of the newest caller profile ({@code callflow[0].caller_profile.<name>}); {@code null} when absent. */
	String profile(String name);

	/** A time of the newest call flow ({@code callflow[0].times.<name>}, microseconds); {@code null} when absent. */
	String time(String name);

	/** Whether a caller profile has an originator: the leg was originated by another, it is a B leg. */
	boolean originated();

}
