package org.callbackgateway.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.security.MessageDigest;
import java.util.Arrays;
import org.callbackgateway.callbacks.Signatures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets and signatures are compared in constant time: the comparisons go through {@link Signatures#equal},
 * which is {@link MessageDigest#isEqual}, and the classes that hold secrets never compare them otherwise.
 */
class ConstantTimeComparisonTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.callbackgateway");
    }

    @Test
    void signaturesCompareWithMessageDigestIsEqual() {
        classes().that().haveFullyQualifiedName(Signatures.class.getName())
                .should().callMethod(MessageDigest.class, "isEqual", byte[].class, byte[].class)
                .check(production);
    }

    @Test
    void everySecretVerifierComparesThroughSignatures() {
        classes().that().haveSimpleName("HmacKeys").or().haveSimpleName("GitLabVerifier")
                .or().haveSimpleName("StandardSignatures")
                .should().callMethod(Signatures.class, "equal", byte[].class, byte[].class)
                .check(production);
    }

    @Test
    void noProductionCodeComparesByteArraysWithArraysEquals() {
        noClasses().should().callMethod(Arrays.class, "equals", byte[].class, byte[].class)
                .check(production);
    }

    @Test
    void classesHoldingSharedSecretsNeverCompareStrings() {
        noClasses().that().haveSimpleName("HmacKeys").or().haveSimpleName("GitLabVerifier")
                .should().callMethod(String.class, "equals", Object.class)
                .orShould().callMethod(String.class, "contentEquals", CharSequence.class)
                .check(production);
    }
}
