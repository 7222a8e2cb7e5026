/**
 * The training contract, rule by rule, and every message the processor prints ({@link
 * org.trainkit.processor.validation.Message}): a stable id, the rule, the fix.
 */
package org.trainkit.processor.validation;
