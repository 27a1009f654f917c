/**
 * Who is calling: one authentication mechanism that answers {@code /api/**} with HTTP Basic and pages with the login
 * form, both against the product's own user accounts; and the built-in {@code admin} account.
 */
package dev.rfm.web.security;
