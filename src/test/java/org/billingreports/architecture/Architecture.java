package org.billingreports.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules of the package graph, for a code base under {@code root} (the service's, or a fixture's
 * in the test of these rules). From the bottom up:
 * <ul>
 * <li>{@code kernel} (errors, request DTOs, node settings), {@code rating} (the arithmetic, plain
 * Java), {@code batch} (what both jobs share), {@code database}: they import nothing of ours but the
 * kernel;</li>
 * <li>capabilities ({@code monitoring}, {@code notifications}, {@code security}, {@code accounts}, {@code ratedecks},
 * {@code calls}, {@code billingjob}, {@code report}, {@code partitioning}, {@code operations},
 * {@code scheduling}, {@code demo}), each importing only those below it;</li>
 * <li>entry points ({@code web}, {@code servicestack}, {@code console}, {@code cli}, and the application class in the
 * root package): nothing imports them.</li>
 * </ul>
 */
final class Architecture {

	static final String[] ENTRY_POINTS = { "web", "servicestack", "console", "cli" };

	private Architecture() {
	}

	/** No package, through any path, depends on itself. */
	static ArchRule noCycles(String root) {
		return slices().matching(root + ".(*)..").should().beFreeOfCycles();
	}

	/** The shared kernel imports nothing of ours: everything may use it and it knows nobody. */
	static ArchRule kernelStandsAlone(String root) {
		DescribedPredicate<JavaClass> ours = resideInAPackage(root + "..");
		return classes().that()
			.resideInAPackage(root + ".kernel..")
			.should()
			.onlyDependOnClassesThat(not(ours).or(resideInAPackage(root + ".kernel..")))
			.allowEmptyShould(true)
			.because("the kernel is shared by every package and must not pull any of them in");
	}

	/** The billing arithmetic is plain Java: no Spring, nothing of ours. */
	static ArchRule ratingIsPlainJava(String root) {
		return classes().that()
			.resideInAPackage(root + ".rating..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(root + ".rating..", "java..")
			.allowEmptyShould(true)
			.because("the arithmetic must be testable and readable without a container");
	}

	/** Nothing below the entry points imports them (the web layer, the ServiceStack surface, the CLI). */
	static ArchRule entryPointsOnTop(String root) {
		String[] entryPoints = new String[ENTRY_POINTS.length];
		for (int i = 0; i < ENTRY_POINTS.length; i++) {
			entryPoints[i] = root + "." + ENTRY_POINTS[i] + "..";
		}
		return noClasses().that()
			.resideOutsideOfPackages(entryPoints)
			.and()
			.resideOutsideOfPackage(root)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(entryPoints)
			.orShould()
			.dependOnClassesThat()
			.resideInAPackage(root)
			.allowEmptyShould(true)
			.because("entry points sit on top: capabilities never know how they are reached");
	}

	/** The jobs do not import the report API: it launches them, they never reach up to it. */
	static ArchRule jobsBelowTheApi(String root) {
		return noClasses().that()
			.resideInAnyPackage(root + ".billingjob..", root + ".partitioning..", root + ".batch..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(root + ".report..", root + ".notifications..")
			.allowEmptyShould(true)
			.because("the billing job knows the report only through ReportDefinitions and its listeners");
	}

	/** Notifications deliver; what they say comes from whoever records them. */
	static ArchRule notificationsOnlyDeliver(String root) {
		return noClasses().that()
			.resideInAPackage(root + ".notifications..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(root + ".report..", root + ".billingjob..", root + ".accounts..")
			.allowEmptyShould(true)
			.because("delivery is generic: content and secrets come through NotificationContent");
	}

}
