using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Workflow.Federation.Export;

/// <summary>
/// Makes MiniExcel's package readable by readers stricter than Excel. MiniExcel writes relationship targets as
/// absolute part names (<c>/xl/worksheets/sheet1.xml</c>), which OPC allows but exceljs 4.4 resolves against the
/// source folder and fails on; and a stylesheet without the "Normal" cell style, which openpyxl warns about. Targets
/// become relative to the part's folder, and the stylesheet gains the default style (or a minimal stylesheet is added).
/// MiniExcel also writes SpreadsheetML with an <c>x:</c> prefix, which exceljs's parser does not know (it matches tag
/// names): the parts are rewritten with the main namespace as the default one, streamed, since a sheet may be large.
/// </summary>
internal static class XlsxPackage
{
    private static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace ContentTypes = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StylesType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    private const string StylesPart = "xl/styles.xml";

    /// <summary>Rewrites the package in <paramref name="package"/> (a seekable, writable stream) in place.</summary>
    public static void Normalize(Stream package)
    {
        package.Position = 0;
        using (var zip = new ZipArchive(package, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
                Unprefix(zip, entry);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList())
                Rewrite(zip, entry.FullName, document => RelativeTargets(document, SourceFolder(entry.FullName)));
            if (zip.GetEntry(StylesPart) is null) AddStylesheet(zip);
            else Rewrite(zip, StylesPart, AddNormalStyle);
        }
        package.Position = 0;
    }

    /// <summary>"xl/_rels/workbook.xml.rels" describes "xl/workbook.xml": its targets are relative to "xl/"; the package's own to the root.</summary>
    private static string SourceFolder(string relsPath)
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(relsPath)?.Replace('\\', '/'))?.Replace('\\', '/') ?? "";
        return folder.Length == 0 ? "" : folder + "/";
    }

    private static void RelativeTargets(XDocument document, string sourceFolder)
    {
        foreach (var relationship in document.Root!.Elements(Relationships + "Relationship"))
        {
            if ((string?)relationship.Attribute("TargetMode") == "External") continue;
            var target = (string?)relationship.Attribute("Target");
            if (target is null || !target.StartsWith('/')) continue;
            relationship.SetAttributeValue("Target", Relative(target[1..], sourceFolder));
        }
    }

    private static string Relative(string part, string sourceFolder)
    {
        var from = sourceFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = part.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }

    private static void AddNormalStyle(XDocument styles)
    {
        var sheet = styles.Root!;
        if (sheet.Element(Main + "cellStyleXfs") is null)
            (sheet.Element(Main + "cellXfs") ?? sheet.Elements().Last()).AddBeforeSelf(
                new XElement(Main + "cellStyleXfs", new XAttribute("count", 1), new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0),
                    new XAttribute("fillId", 0), new XAttribute("borderId", 0))));
        if (sheet.Element(Main + "cellStyles")?.Elements(Main + "cellStyle").Any(s => (string?)s.Attribute("builtinId") == "0") == true) return;
        sheet.Element(Main + "cellStyles")?.Remove();
        var cellStyles = new XElement(Main + "cellStyles", new XAttribute("count", 1),
            new XElement(Main + "cellStyle", new XAttribute("name", "Normal"), new XAttribute("xfId", 0), new XAttribute("builtinId", 0)));
        var after = sheet.Element(Main + "cellXfs") ?? sheet.Element(Main + "cellStyleXfs")!;
        after.AddAfterSelf(cellStyles);
    }

    private static void AddStylesheet(ZipArchive zip)
    {
        var styles = new XDocument(new XElement(Main + "styleSheet",
            new XElement(Main + "fonts", new XAttribute("count", 1), new XElement(Main + "font", new XElement(Main + "sz", new XAttribute("val", 11)), new XElement(Main + "name", new XAttribute("val", "等线")))),
            new XElement(Main + "fills", new XAttribute("count", 2),
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "none"))),
                new XElement(Main + "fill", new XElement(Main + "patternFill", new XAttribute("patternType", "gray125")))),
            new XElement(Main + "borders", new XAttribute("count", 1), new XElement(Main + "border")),
            new XElement(Main + "cellXfs", new XAttribute("count", 1), new XElement(Main + "xf", new XAttribute("numFmtId", 0), new XAttribute("fontId", 0),
                new XAttribute("fillId", 0), new XAttribute("borderId", 0), new XAttribute("xfId", 0)))));
        AddNormalStyle(styles);
        Write(zip, StylesPart, styles);
        Rewrite(zip, "xl/_rels/workbook.xml.rels", rels => rels.Root!.Add(new XElement(Relationships + "Relationship",
            new XAttribute("Id", "rIdStyles"), new XAttribute("Type", StylesType), new XAttribute("Target", "styles.xml"))));
        Rewrite(zip, "[Content_Types].xml", types => types.Root!.Add(new XElement(ContentTypes + "Override", new XAttribute("PartName", "/" + StylesPart),
            new XAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))));
    }

    private static void Unprefix(ZipArchive zip, ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        using var original = new MemoryStream();
        using (var read = entry.Open()) read.CopyTo(original);
        original.Position = 0;
        entry.Delete();
        using var output = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var reader = XmlReader.Create(original, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        using var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        var main = Main.NamespaceName;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    writer.WriteStartElement(reader.NamespaceURI == main ? "" : reader.Prefix, reader.LocalName, reader.NamespaceURI);
                    var empty = reader.IsEmptyElement;
                    for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                    {
                        // Namespace declarations of the main namespace (prefixed or default) are the writer's to make.
                        var declaration = reader.Prefix == "xmlns" || reader.Prefix.Length == 0 && reader.LocalName == "xmlns";
                        if (declaration && reader.Value == main) continue;
                        writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Value);
                    }
                    reader.MoveToElement();
                    if (empty) writer.WriteEndElement();
                    break;
                case XmlNodeType.EndElement:
                    writer.WriteFullEndElement();
                    break;
                case XmlNodeType.Text:
                    writer.WriteString(reader.Value);
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    writer.WriteWhitespace(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    writer.WriteCData(reader.Value);
                    break;
            }
        }
    }

    private static void Rewrite(ZipArchive zip, string name, Action<XDocument> change)
    {
        var entry = zip.GetEntry(name);
        if (entry is null) return;
        XDocument document;
        using (var read = entry.Open()) document = XDocument.Load(read);
        change(document);
        entry.Delete();
        Write(zip, name, document);
    }

    private static void Write(ZipArchive zip, string name, XDocument document)
    {
        using var write = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        document.Save(write);
    }
}
