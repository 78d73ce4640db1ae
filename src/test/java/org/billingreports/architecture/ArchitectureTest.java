package org.billingreports.architecture;

import java.util.List;
import java.util.function.Function;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The package graph of the service (see {@link Architecture}), and a test of those rules: each
 * fails on a small code base that breaks it ({@code fixture}), so a rule that checks nothing is
 * noticed.
 */
class ArchitectureTest {

	private static final String ROOT = "org.billingreports";

	private static final JavaClasses SERVICE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(ROOT);

	private static final String CYCLE = ROOT + ".architecture.fixture.cycle";

	private static final String LAYERS = ROOT + ".architecture.fixture.layers";

	private static final List<Function<String, ArchRule>> RULES = List.of(Architecture::noCycles,
			Architecture::kernelStandsAlone, Architecture::ratingIsPlainJava, Architecture::entryPointsOnTop,
			Architecture::jobsBelowTheApi, Architecture::notificationsOnlyDeliver);

	@Test
	void theServiceKeepsEveryRule() {
		assertThat(SERVICE.size()).as("classes of the service").isGreaterThan(150);
		RULES.forEach(rule -> rule.apply(ROOT).check(SERVICE));
	}

	@Test
	void aCycleBetweenTwoPackagesFailsTheRule() {
		JavaClasses fixture = new ClassFileImporter().importPackages(CYCLE);
		assertThatThrownBy(() -> Architecture.noCycles(CYCLE).check(fixture)).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Cycle detected")
			.hasMessageContaining("alpha")
			.hasMessageContaining("beta");
	}

	@Test
	void aKernelThatImportsAnEntryPointFailsBothLayerRules() {
		JavaClasses fixture = new ClassFileImporter().importPackages(LAYERS);
		assertThatThrownBy(() -> Architecture.kernelStandsAlone(LAYERS).check(fixture))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Errors");
		assertThatThrownBy(() -> Architecture.entryPointsOnTop(LAYERS).check(fixture))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Controller");
	}

	@Test
	void arithmeticWithSpringInItFailsTheRule() {
		JavaClasses fixture = new ClassFileImporter().importPackages(LAYERS);
		assertThatThrownBy(() -> Architecture.ratingIsPlainJava(LAYERS).check(fixture))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Rounding");
	}

}
