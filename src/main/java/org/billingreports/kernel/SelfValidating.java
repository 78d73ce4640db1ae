package org.billingreports.kernel;

/** A request DTO with rules that span fields or need more than a constraint annotation. */
public interface SelfValidating {

	/** Adds what is wrong; fields that already failed a constraint annotation need no second error. */
	void validate(FieldErrors errors);

}
