package io.edgerouter.engine;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose class-level set-up reads {@link SharedModels}: without the folder each of its tests is reported
 * skipped with the one-line reason. An assumption in {@code @BeforeAll} would skip them too, but Surefire then
 * reports the class as zero tests run, nothing skipped and no reason, so the skip would go unnoticed.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SharedModelsCondition.class)
public @interface NeedsSharedModels {
}
