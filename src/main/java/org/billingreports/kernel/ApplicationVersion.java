package org.billingreports.kernel;

/** This build of the service, as its jar's manifest names it; {@code development} outside a jar. */
public final class ApplicationVersion {

	private ApplicationVersion() {
	}

	public static String current() {
		String version = ApplicationVersion.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "development";
	}

}
