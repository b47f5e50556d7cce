package io.hitgov.shared.process;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a delegate or listener bean that a deployed model may name in an expression
 * ({@code ${registerRiskDelegate}}), and the process definition keys it serves.
 *
 * <p>Only beans carrying this annotation are reachable from a model at all; a model of another
 * key that names one is refused at deployment, and the bean refuses to run for it at run time
 * (a deployed model could otherwise call {@code ${closeRiskDelegate}} on another project's risk).
 * See {@code docs/model-policy.md}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ModelCallable {

  /** The process definition keys whose models may call this bean. */
  String[] processes();
}
