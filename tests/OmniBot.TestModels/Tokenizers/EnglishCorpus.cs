namespace OmniBot.TestModels.Tokenizers;

/// <summary>
/// The text the synthetic tokenizers learn their pieces from: common English words, most frequent
/// first, and frequent word endings, so that everyday text tokenizes into plausible pieces.
/// </summary>
internal static class EnglishCorpus
{
    public static IReadOnlyList<string> Words { get; } =
    [
        "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as",
        "with", "his", "they", "I", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but",
        "not", "what", "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which",
        "she", "do", "how", "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these",
        "so", "some", "her", "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write",
        "go", "see", "number", "no", "way", "could", "people", "my", "than", "first", "water", "been", "call",
        "who", "oil", "its", "now", "find", "long", "down", "day", "did", "get", "come", "made", "may", "part",
        "hello", "world", "Hello", "The", "What", "How", "You", "This", "It", "We", "In", "Yes", "No", "Thank",
        "new", "sound", "take", "only", "little", "work", "know", "place", "year", "live", "me", "back", "give",
        "most", "very", "after", "thing", "our", "just", "name", "good", "sentence", "man", "think", "say",
        "great", "where", "help", "through", "much", "before", "line", "right", "too", "mean", "old", "any",
        "same", "tell", "boy", "follow", "came", "want", "show", "also", "around", "form", "three", "small",
        "set", "put", "end", "does", "another", "well", "large", "must", "big", "even", "such", "because",
        "turn", "here", "why", "ask", "went", "men", "read", "need", "land", "different", "home", "us", "move",
        "try", "kind", "hand", "picture", "again", "change", "off", "play", "spell", "air", "away", "animal",
        "house", "point", "page", "letter", "mother", "answer", "found", "study", "still", "learn", "should",
        "America", "question", "model", "assistant", "user", "system", "message", "chat", "token", "text",
        "answer", "please", "thanks", "sure", "today", "weather", "city", "country", "computer", "data",
        "function", "value", "string", "number", "list", "object", "array", "true", "false", "null", "name",
        "age", "email", "address", "phone", "date", "story", "once", "upon", "there", "lived", "king", "queen",
        "between", "own", "below", "country", "plant", "last", "school", "father", "keep", "tree", "never",
        "start", "city", "earth", "eye", "light", "thought", "head", "under", "saw", "left", "few", "while",
        "along", "might", "close", "something", "seem", "next", "hard", "open", "example", "begin", "life",
        "always", "those", "both", "paper", "together", "got", "group", "often", "run", "important", "until",
        "children", "side", "feet", "car", "mile", "night", "walk", "white", "sea", "began", "grow", "took",
        "river", "four", "carry", "state", "book", "hear", "stop", "without", "second", "later", "miss", "idea",
        "enough", "eat", "face", "watch", "far", "Indian", "really", "almost", "let", "above", "girl",
        "sometimes", "mountain", "cut", "young", "talk", "soon", "song", "being", "leave", "family", "it's",
        "program", "code", "file", "model", "language", "question", "information", "problem", "result",
    ];

    /// <summary>Frequent word endings, learned as pieces inside words.</summary>
    public static IReadOnlyList<string> Suffixes { get; } =
    [
        "s", "ing", "ed", "ly", "er", "est", "tion", "ment", "ness", "able", "ful", "less", "ity", "ous", "ive",
    ];

    /// <summary>Single characters every synthetic vocabulary holds as pieces of their own.</summary>
    public const string Characters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\":;-()[]{}<>/\\_*#=+&%$@";

    /// <summary>Letters used to grow extra pieces once the corpus is exhausted, most frequent first.</summary>
    public const string FillLetters = "etaoinshrdlcumwfgypbvkjxqz";
}
