package io.rostersync.generator.internal;

import java.text.Normalizer;

/**
 * Our own name lists, by naming culture, with the letters real rosters carry: accents, ñ, Vietnamese
 * tone marks, ł, apostrophes, hyphens and spaces inside names. Each entry has a precomputed ASCII form
 * for usernames and e-mail addresses.
 */
public final class Names {

    public static final int ENGLISH = 0;
    public static final int SPANISH = 1;
    public static final int VIETNAMESE = 2;
    public static final int CHINESE = 3;
    public static final int ARABIC = 4;
    public static final int SOMALI = 5;
    public static final int RUSSIAN = 6;
    public static final int HINDI = 7;
    public static final int KOREAN = 8;
    public static final int POLISH = 9;
    public static final int IRISH = 10;
    public static final int EUROPEAN = 11;

    private static final int[] WEIGHTS = {26, 25, 5, 6, 5, 4, 4, 6, 4, 4, 6, 5};
    private static final int WEIGHT_SUM;

    static final String[][] FEMALE = {
        {"Emma", "Olivia", "Ava", "Charlotte", "Amelia", "Harper", "Evelyn", "Abigail", "Emily", "Madison", "Chloe",
            "Grace", "Lily", "Zoe", "Hannah", "Mary-Kate", "Brooke", "Savannah", "Kaylee", "Jo Ann"},
        {"Sofía", "María José", "Valentina", "Camila", "Lucía", "Ximena", "Daniela", "Isabella", "Mariana",
            "Guadalupe", "Ana Paula", "Fernanda", "Julieta", "Inés", "Begoña", "Araceli", "Yesenia", "Nayeli"},
        {"Linh", "Ngọc Anh", "Thảo", "Hương", "Mai", "Phương", "Trâm", "Huyền", "Thu Hà", "Lan", "Diễm", "Yến"},
        {"Xiaoling", "Mei", "Yuxi", "Jiayi", "Zihan", "Yutong", "Xinyi", "Ruoxi", "Shuang", "Lijuan", "Wenjing"},
        {"Fatima", "Aisha", "Mariam", "Layla", "Noor", "Yasmin", "Huda", "Salma", "Rania", "Amira", "Zaynab"},
        {"Hodan", "Faadumo", "Sahra", "Hibaaq", "Ayaan", "Ubah", "Maryan", "Ifrah", "Nimco", "Deeqa", "Ikran"},
        {"Anastasia", "Sofiya", "Yekaterina", "Darya", "Polina", "Alyona", "Ksenia", "Natalya", "Olga", "Yelena"},
        {"Aanya", "Priya", "Ananya", "Diya", "Saanvi", "Isha", "Kavya", "Nisha", "Pooja", "Meera", "Lakshmi"},
        {"Seo-yeon", "Ji-woo", "Min-seo", "Ha-eun", "Ye-jin", "Su-bin", "Eun-ji", "Da-eun", "Hye-won"},
        {"Zofia", "Zuzanna", "Julia", "Maja", "Łucja", "Agnieszka", "Małgorzata", "Katarzyna", "Wiktoria", "Hanna"},
        {"Siobhán", "Aoife", "Niamh", "Saoirse", "Caoimhe", "Róisín", "Orla", "Clodagh", "Máire", "Éabha"},
        {"Léa", "Chloé", "Anaïs", "Zoë", "Hélène", "Sophie", "Renée", "Noémie", "Marie-Thérèse", "Björk", "Ingrid"},
    };

    static final String[][] MALE = {
        {"Liam", "Noah", "Oliver", "James", "William", "Benjamin", "Lucas", "Henry", "Alexander", "Mason", "Ethan",
            "Daniel", "Jacob", "Logan", "Jackson", "Billy-Ray", "Tyler", "Brandon", "DeShawn", "Jamal"},
        {"José", "Juan Pablo", "Mateo", "Santiago", "Diego", "Sebastián", "Alejandro", "Andrés", "Emiliano",
            "Jesús", "Óscar", "Ángel", "Rubén", "Joaquín", "Iñaki", "Ramón", "Martín", "Héctor"},
        {"Minh", "Đức", "Huy", "Khoa", "Quang", "Tuấn", "Bảo", "Hoàng", "Long", "Thắng", "Việt", "Phúc"},
        {"Wei", "Hao", "Jun", "Zihao", "Yichen", "Haoran", "Jianguo", "Tao", "Bo", "Xuan", "Zhiwei"},
        {"Mohammed", "Ahmad", "Omar", "Yusuf", "Ali", "Khalid", "Hassan", "Ibrahim", "Karim", "Tariq", "Mustafa"},
        {"Abdirahman", "Abdi", "Mohamed", "Liban", "Guled", "Mahad", "Abdullahi", "Farhan", "Hassan", "Yasin"},
        {"Dmitri", "Aleksandr", "Maksim", "Ivan", "Artyom", "Mikhail", "Nikita", "Sergei", "Yuri", "Fyodor"},
        {"Aarav", "Vihaan", "Arjun", "Rohan", "Aditya", "Krishna", "Rahul", "Vikram", "Sai", "Ishaan", "Dev"},
        {"Min-jun", "Ji-ho", "Seo-jun", "Do-yun", "Ha-joon", "Jun-seo", "Hyun-woo", "Sung-min", "Tae-yang"},
        {"Jakub", "Łukasz", "Mikołaj", "Szymon", "Wojciech", "Paweł", "Krzysztof", "Tomasz", "Piotr", "Bartosz"},
        {"Seán", "Cian", "Oisín", "Darragh", "Pádraig", "Eoin", "Ciarán", "Declan", "Colm", "Tadhg"},
        {"Jérôme", "François", "Jürgen", "Lukas", "Matthäus", "Loïc", "Étienne", "René", "Søren", "Anders"},
    };

    static final String[][] FAMILY = {
        {"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
            "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
            "Young", "Allen", "Wright", "Scott", "Baker-Hughes", "St. John", "Van Buren"},
        {"García", "Rodríguez", "Martínez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez",
            "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Muñoz", "Peña", "Ibáñez", "Castañeda", "Núñez",
            "Ordóñez", "De la Cruz"},
        {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương"},
        {"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
            "Lü", "Guo"},
        {"Al-Masri", "Haddad", "Khalil", "Nasser", "Al-Sayed", "Abdallah", "Saleh", "Hamdan", "Mansour", "El-Amin",
            "Darwish", "Al-Farsi"},
        {"Warsame", "Abdi", "Hassan", "Farah", "Jama", "Omar", "Ali", "Mohamud", "Yusuf", "Osman", "Aden", "Hersi"},
        {"Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov", "Novikov",
            "Fedorov", "Morozov", "Volkov"},
        {"Patel", "Sharma", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Desai", "Joshi", "Rao"},
        {"Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin"},
        {"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
            "Szymański", "Woźniak", "Dąbrowski", "Kozłowski"},
        {"O'Brien", "O'Sullivan", "Murphy", "Kelly", "O'Connor", "Ó Briain", "Byrne", "Ryan", "MacCarthy",
            "Fitzgerald", "McNamara", "D'Arcy", "Ó Súilleabháin"},
        {"Müller", "Schröder", "Weiß", "Dubois", "Lefèvre", "Moreau", "Bernard", "Fournier", "Köhler", "Bäcker",
            "Jørgensen", "D'Angelo"},
    };

    static final String[][] FEMALE_ASCII = ascii(FEMALE);
    static final String[][] MALE_ASCII = ascii(MALE);
    static final String[][] FAMILY_ASCII = ascii(FAMILY);

    static {
        int s = 0;
        for (int w : WEIGHTS) {
            s += w;
        }
        WEIGHT_SUM = s;
    }

    private Names() {
    }

    public static int culture(long hash) {
        int x = Hashing.below(hash, WEIGHT_SUM);
        for (int c = 0; c < WEIGHTS.length; c++) {
            x -= WEIGHTS[c];
            if (x < 0) {
                return c;
            }
        }
        return ENGLISH;
    }

    public static int givenCount(int culture, boolean female) {
        return (female ? FEMALE : MALE)[culture].length;
    }

    public static int familyCount(int culture) {
        return FAMILY[culture].length;
    }

    public static String given(int culture, boolean female, int idx) {
        return (female ? FEMALE : MALE)[culture][idx];
    }

    public static String givenAscii(int culture, boolean female, int idx) {
        return (female ? FEMALE_ASCII : MALE_ASCII)[culture][idx];
    }

    /** The family name, in its feminine form where the culture has one (Ivanova, Kowalska). */
    public static String family(int culture, int idx, boolean female) {
        String f = FAMILY[culture][idx];
        if (female && culture == RUSSIAN) {
            return f + "a";
        }
        if (female && culture == POLISH && f.endsWith("ski")) {
            return f.substring(0, f.length() - 1) + "a";
        }
        return f;
    }

    public static String familyAscii(int culture, int idx) {
        return FAMILY_ASCII[culture][idx];
    }

    /** An English given name, used as a preferred name. */
    public static String preferred(boolean female, int idx) {
        String[] list = (female ? FEMALE : MALE)[ENGLISH];
        return list[idx % list.length];
    }

    private static String[][] ascii(String[][] lists) {
        String[][] out = new String[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            out[i] = new String[lists[i].length];
            for (int j = 0; j < lists[i].length; j++) {
                out[i][j] = toAscii(lists[i][j]);
            }
        }
        return out;
    }

    /** Lower-case ASCII letters and digits only: "Ó Súilleabháin" becomes "osuilleabhain". */
    public static String toAscii(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        for (int i = 0; i < d.length(); i++) {
            char c = Character.toLowerCase(d.charAt(i));
            switch (c) {
                case 'ł' -> b.append('l');
                case 'đ' -> b.append('d');
                case 'ß' -> b.append("ss");
                case 'ø' -> b.append('o');
                case 'æ' -> b.append("ae");
                default -> {
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
