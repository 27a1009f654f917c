/** The product's users: who may log in, with which roles (ADMIN, ANALYST, VIEWER). */
package dev.rfm.domain.user;
