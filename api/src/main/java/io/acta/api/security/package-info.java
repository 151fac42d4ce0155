/**
 * Who is asking, as domain code sees it ({@link io.acta.api.security.Caller}), and who may ({@link
 * io.acta.api.security.Access}): no token or framework type.
 */
package io.acta.api.security;
