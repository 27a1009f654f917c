package dev.rfm.domain.demo;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The built-in names the demo customers are given, and the e-mail addresses derived from them.
 *
 * <p>A mixed international list, some with accents so that the UTF-8 path is exercised. None contains a comma, a quote
 * or a line break, so CSV fields need no quoting; the e-mail domains are the ones reserved for examples (RFC 2606), so
 * no demo mail can reach a real person.
 */
final class NameBook {

    static final String[] FIRST_NAMES = {
        "Anna",
        "Ben",
        "Chloé",
        "David",
        "Emma",
        "Felix",
        "Grace",
        "Hannah",
        "Ibrahim",
        "Julia",
        "Karl",
        "Laura",
        "Mateo",
        "Nina",
        "Oliver",
        "Priya",
        "Quentin",
        "Rosa",
        "Samuel",
        "Tanja",
        "Umar",
        "Valentina",
        "William",
        "Xiao",
        "Yusuf",
        "Zoë",
        "Amelia",
        "Bruno",
        "Carmen",
        "Daniel",
        "Elena",
        "François",
        "Giulia",
        "Hugo",
        "Isabel",
        "Jonas",
        "Kenji",
        "Lucía",
        "Marie",
        "Noah",
        "Olivia",
        "Paul",
        "Renée",
        "Sofia",
        "Thomas",
        "Mei",
        "Wei",
        "Aisha",
        "José",
        "Lena"
    };

    static final String[] LAST_NAMES = {
        "Smith",
        "Müller",
        "García",
        "Rossi",
        "Martin",
        "Johnson",
        "Schmidt",
        "Fernández",
        "Dubois",
        "Brown",
        "Wang",
        "Li",
        "Zhang",
        "Chen",
        "Tanaka",
        "Kowalski",
        "Novak",
        "Jensen",
        "O'Brien",
        "Silva",
        "Santos",
        "Patel",
        "Khan",
        "Nguyen",
        "Kim",
        "Park",
        "Lefèvre",
        "Bianchi",
        "Weber",
        "Wagner",
        "Taylor",
        "Wilson",
        "Andersson",
        "Nielsen",
        "Horvat",
        "Popescu",
        "Yilmaz",
        "Cohen",
        "Murphy",
        "Walsh",
        "Ivanova",
        "Costa",
        "Moreau",
        "Fischer",
        "Hoffmann",
        "Clarke",
        "Lopez",
        "Sato",
        "Huang",
        "Becker"
    };

    static final String[] EMAIL_DOMAINS = {"example.com", "example.net", "example.org", "mail.example"};

    private static final String[] FIRST_NAMES_ASCII = asciiLetters(FIRST_NAMES);
    private static final String[] LAST_NAMES_ASCII = asciiLetters(LAST_NAMES);

    private NameBook() {}

    static String fullName(int first, int last) {
        return FIRST_NAMES[first] + ' ' + LAST_NAMES[last];
    }

    /**
     * An address unique to the customer: the name folded to ASCII letters, then the customer number, e.g.
     * {@code chloe.muller123@example.com}.
     */
    static String email(int first, int last, long customerNumber, int domain) {
        return FIRST_NAMES_ASCII[first] + '.' + LAST_NAMES_ASCII[last] + customerNumber + '@' + EMAIL_DOMAINS[domain];
    }

    /** Drops accents (by canonical decomposition) and everything else that is not a letter: Müller to muller. */
    private static String[] asciiLetters(String[] names) {
        String[] ascii = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            ascii[i] = Normalizer.normalize(names[i], Normalizer.Form.NFD)
                    .replaceAll("[^A-Za-z]", "")
                    .toLowerCase(Locale.ROOT);
        }
        return ascii;
    }
}
