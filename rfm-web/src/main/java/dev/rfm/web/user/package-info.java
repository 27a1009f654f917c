/**
 * The product's users as ADMINs manage them (the Users page, {@code /api/users}) and as every user changes their own
 * password.
 */
package dev.rfm.web.user;
