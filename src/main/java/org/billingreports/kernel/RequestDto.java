package org.billingreports.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a request DTO the ServiceStack way: from query-string parameters, a form body and a JSON body
 * (later sources win), then validates it. Type errors and constraint violations answer 400 with the
 * fields named.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequestDto {
}
