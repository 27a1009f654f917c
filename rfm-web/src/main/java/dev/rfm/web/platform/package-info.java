/** What the WAR declares to its server: the data source, and the settings read at deployment. */
package dev.rfm.web.platform;
