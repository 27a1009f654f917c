/** The dashboard's languages: English and Simplified Chinese, chosen per user session. */
package dev.rfm.web.i18n;
