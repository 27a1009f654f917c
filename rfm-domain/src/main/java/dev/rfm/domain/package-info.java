/** The domain module. */
package dev.rfm.domain;
