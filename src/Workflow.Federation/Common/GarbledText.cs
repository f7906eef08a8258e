using System.Runtime.InteropServices;
using System.Text;

namespace Workflow.Federation.Common;

/// <summary>
/// Finds text that was decoded with the wrong encoding somewhere on its way here (乱码), so that it is refused
/// with a reason instead of being stored. Each sign has its own code; the first one found is reported.
/// </summary>
public static class GarbledText
{
    private const string ToneMarkedVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";

    // The bytes Windows-1252 puts at 0x80–0x9F: text that went through it shows these instead of C1 controls.
    private const string Cp1252Specials = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    // Characters GBK cannot hold become '?', which breaks any byte sequence across them.
    private static readonly Lazy<Encoding> Gbk = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ReplacementFallback, DecoderFallback.ReplacementFallback);
    });

    private static readonly Lazy<bool[]> CommonHan = new(BuildCommonHanTable);

    public static CodedMessage? Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var hasHan = false;
        var hasQuestionMark = false;
        var hasLatin1 = false;
        int han = 0, rare = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c == '?') hasQuestionMark = true;
                else if (c < 0x20 && c is not ('\t' or '\n' or '\r')) return ControlCharacter;
                else if (c == '(' && i > 0 && IsHan(text[i - 1]) && IsPinyinAnnotation(text, i + 1)) return PinyinAnnotation;
                continue;
            }
            if (c == '\uFFFD') return ReplacementCharacter;
            if (c is >= '\uE000' and <= '\uF8FF' || char.IsHighSurrogate(c) && c >= '\uDB80') return PrivateUse;
            if (c <= '\u00FF' || Cp1252Specials.Contains(c, StringComparison.Ordinal)) hasLatin1 = true;
            else if (IsHan(c))
            {
                hasHan = true;
                han++;
                if (!CommonHan.Value[c - 0x4E00]) rare++;
            }
            else if (c == '（' && i > 0 && IsHan(text[i - 1]) && IsPinyinAnnotation(text, i + 1)) return PinyinAnnotation;
        }
        if (hasQuestionMark && hasHan) return QuestionMark;
        if (hasLatin1 && HasUtf8ReadAsLatin1(text)) return Utf8ReadAsLatin1;
        // UTF-8 read as GBK (“銆傗€滀竴瀵”) always shows characters outside GB2312; only then is the costlier
        // byte check worth running.
        if (rare > 0 && HasUtf8ReadAsGbk(text)) return Utf8ReadAsGbk;
        return null;
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    /// <summary>“濟(jì)南”: pinyin with tone marks in brackets after a character, left by a converter that annotated readings.</summary>
    private static bool IsPinyinAnnotation(string text, int start)
    {
        var toneMarked = false;
        for (var i = start; i < text.Length && i < start + 8; i++)
        {
            var c = text[i];
            if (c is ')' or '）') return toneMarked && i > start;
            if (ToneMarkedVowels.Contains(c, StringComparison.Ordinal)) toneMarked = true;
            else if (c is < 'a' or > 'z') return false;
        }
        return false;
    }

    /// <summary>“Ã¥”: the bytes of a UTF-8 character shown one by one as Latin-1 or Windows-1252 characters.</summary>
    private static bool HasUtf8ReadAsLatin1(string text)
    {
        var bytes = new List<byte>(text.Length);
        foreach (var c in text)
        {
            var special = Cp1252Specials.IndexOf(c, StringComparison.Ordinal);
            if (c <= '\u00FF') bytes.Add((byte)c);
            else if (special >= 0) bytes.Add((byte)(0x80 + special));
            else bytes.Add(0); // a character no single byte stands for: breaks any sequence across it
        }
        var span = CollectionsMarshal.AsSpan(bytes);
        for (var i = 0; i < span.Length; i++)
            if (Utf8SequenceAt(span, i) > 0) return true;
        return false;
    }

    /// <summary>
    /// Written back to GBK bytes, text that was UTF-8 read as GBK is UTF-8 again: most of its bytes form valid
    /// multi-byte sequences. Real Chinese text (simplified or traditional) forms a few by chance, never most.
    /// </summary>
    private static bool HasUtf8ReadAsGbk(string text)
    {
        var bytes = Gbk.Value.GetBytes(text);
        int nonAscii = 0, covered = 0, sequences = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80) continue;
            nonAscii++;
            var length = Utf8SequenceAt(bytes, i);
            if (length == 0) continue;
            sequences++;
            covered += length;
            nonAscii += length - 1;
            i += length - 1;
        }
        return sequences >= 2 && covered * 10 >= nonAscii * 6;
    }

    private static int Utf8SequenceAt(ReadOnlySpan<byte> bytes, int at)
    {
        var length = bytes[at] switch { >= 0xC2 and <= 0xDF => 2, >= 0xE0 and <= 0xEF => 3, >= 0xF0 and <= 0xF4 => 4, _ => 0 };
        if (length == 0 || at + length > bytes.Length) return 0;
        for (var k = 1; k < length; k++)
            if (bytes[at + k] is < 0x80 or > 0xBF) return 0;
        return length;
    }

    /// <summary>True for the 6,763 characters of GB2312: in GBK they are the two-byte codes with both bytes at 0xA1 or above.</summary>
    private static bool[] BuildCommonHanTable()
    {
        var gbk = Gbk.Value;
        var table = new bool[0x9FFF - 0x4E00 + 1];
        Span<byte> bytes = stackalloc byte[4];
        Span<char> one = stackalloc char[1];
        for (var c = 0x4E00; c <= 0x9FFF; c++)
        {
            one[0] = (char)c;
            var n = gbk.GetBytes(one, bytes);
            table[c - 0x4E00] = n == 2 && bytes[0] >= 0xA1 && bytes[1] >= 0xA1;
        }
        return table;
    }

    public static readonly CodedMessage ReplacementCharacter = new("garbled.replacement-character",
        "含有替换字符“�”，原文在编码转换中已丢失，疑似乱码", "contains the replacement character '�': the original text was lost in an encoding conversion");
    public static readonly CodedMessage PrivateUse = new("garbled.private-use",
        "含有私用区字符（无法显示的自造字），疑似乱码", "contains private-use characters, a sign of a wrong encoding");
    public static readonly CodedMessage ControlCharacter = new("garbled.control-character",
        "含有不可见的控制字符，疑似乱码", "contains invisible control characters, a sign of a wrong encoding");
    public static readonly CodedMessage PinyinAnnotation = new("garbled.pinyin-annotation",
        "汉字后带有拼音注音（如“濟(jì)南”），疑似转换工具留下的乱码", "characters followed by pinyin in brackets (like '濟(jì)南'): text mangled by a converter");
    public static readonly CodedMessage QuestionMark = new("garbled.question-mark",
        "中文中夹有“?”，通常是无法编码的字符被替换，疑似乱码", "a '?' inside Chinese text, usually a character an encoding could not hold");
    public static readonly CodedMessage Utf8ReadAsLatin1 = new("garbled.utf8-as-latin1",
        "含有“Ã¥”一类字符，是 UTF-8 文字被当作西文编码读取后的乱码", "contains sequences like 'Ã¥': UTF-8 text read as Latin-1");
    public static readonly CodedMessage Utf8ReadAsGbk = new("garbled.utf8-as-gbk",
        "含有“銆傗€滀竴”一类字符，是 UTF-8 文字被当作 GBK 读取后的乱码", "contains sequences like '銆傗€滀竴': UTF-8 text read as GBK");
}
