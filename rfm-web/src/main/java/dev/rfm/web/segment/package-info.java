/** The users' own segments: ordered rules with a preview of how many customers each would take. */
package dev.rfm.web.segment;
