/** The web module. */
package dev.rfm.web;
