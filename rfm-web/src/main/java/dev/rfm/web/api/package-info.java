/**
 * The REST API under {@code /api} (API-CONTRACT.md): resources are thin boundaries over the domain and analytics;
 * every error answers as JSON {@code {"error", "message", "details"}}, never a stack trace.
 */
package dev.rfm.web.api;
