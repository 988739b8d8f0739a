/** PII recognizers, anonymizer operators and reversible pseudonymisation (plain Java, no framework). */
package io.edgerouter.privacy;
