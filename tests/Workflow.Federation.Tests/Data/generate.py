#!/usr/bin/env python3
"""Writes the ledger files the import tests read. Run once; the outputs are committed.

ledger.xlsx            an Excel-style workbook (shared strings, text-formatted codes, numeric counts, a region code typed as a number)
ledger-gb18030.csv     "CSV (逗号分隔)" as Excel on Chinese Windows saves it: GB18030/GBK, no byte-order mark
ledger-utf8-bom.csv    "CSV UTF-8" with English headings, English values and an extra column
ledger-bad-rows.csv    UTF-8 without BOM; one good row and a dozen bad ones (see the row comments below)
"""
import os
import zipfile
from xml.sax.saxutils import escape

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]


def code(serial, prefix="91", region="350583"):
    first17 = f"{prefix}{region}MA{serial:07d}"
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + ALPHABET[(31 - total % 31) % 31]


HEAD = ["单位名称", "统一社会信用代码", "领域", "类型", "所在区域代码", "行业", "地址", "从业人员数", "女职工数",
        "党组织情况", "党组织名称", "经营状态", "所属集团", "所在园区基地", "女性社会组织"]

# Seed 004 (南安市): industrial bases of 霞美镇, 弘一 group's business lines, 中国水暖城, a machinery association.
XLSX_ROWS = [
    ["霞美电子光伏产业基地", None, "新经济组织", "产业基地", "350583105", "光伏", "南安市霞美镇", 2600, 900, "联合组建", "霞美片区产业基地联合党委", "在营", None, None, None],
    ["霞美机械制造装备基地", None, "新经济组织", "产业基地", "350583105", "机械制造", "南安市霞美镇", 1800, 420, "联合组建", "霞美片区产业基地联合党委", "在营", None, None, None],
    ["福建省弘一石业有限公司", code(1), "新经济组织", "企业", "350583105001", "石材加工", "南安市霞美镇弘一路1号", 650, 210, "单独组建", "福建省弘一石业有限公司党委", "在营", "弘一集团", None, None],
    ["弘一石材贸易有限公司", code(2), "新经济组织", "企业", "350583105001", "石材贸易", "南安市霞美镇弘一路3号", 80, 32, "无", None, "在营", "弘一集团", None, None],
    ["阳光中科（福建）能源股份有限公司", code(3), "新经济组织", "企业", "350583105002", "光伏", "南安市霞美镇光电园", 1200, 380, "单独组建", "阳光中科党支部", "在营", None, "霞美电子光伏产业基地", None],
    ["南安市霞美五金制品厂", code(4), "新经济组织", "企业", "350583105002", "五金", "南安市霞美镇光电园", 35, 6, "无", None, "在营", None, "霞美电子光伏产业基地", None],
    ["中国水暖城", None, "新经济组织", "专业市场", "350583108", "水暖厨卫", "南安市仑苍镇", 3000, 1100, "联合组建", "中国水暖城联合党委", "在营", None, None, None],
    ["福建省工程机械行业协会", code(5, "51"), "新社会组织", "行业协会", "350583105", "机械制造", "南安市霞美镇", 12, 5, "无", None, "在营", None, None, None],
    ["南安市女企业家协会", code(6, "51"), "新社会组织", "社会组织", "350583001", "社会服务", "南安市溪美街道", 15, 15, "无", None, "在营", None, None, "是"],
    ["美团外卖南安站骑手", None, "新就业群体", "新就业群体", 350583001, "网约配送", None, 220, 9, "无", None, "在营", None, None, None],
    ["南安成功国际商圈", None, "新经济组织", "商圈", "350583001", "商贸", "南安市溪美街道成功街", 1800, 950, "联合组建", "成功国际商圈联合党委", "在营", None, None, None],
    ["南安市溪美电子商务有限公司", code(7), "新经济组织", "企业", "350583001001", "电子商务", "南安市溪美街道", 40, 22, "无", None, "停业", None, None, None],
]


def column(i):
    letters = ""
    n = i + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def write_xlsx(path, rows):
    strings, index = [], {}

    def sst(value):
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column(c)}{r}"
            if value is None:
                continue
            if isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                style = ' s="1"' if c in (1, 4) else ""  # credit code and region code columns formatted as text (@)
                cells.append(f'<c r="{ref}" t="s"{style}><v>{sst(value)}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<dimension ref="A1:{column(len(rows[0]) - 1)}{len(rows)}"/><sheetData>{"".join(sheet_rows)}</sheetData></worksheet>')
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
              + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>')
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                     '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>')
    workbook_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                     '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                     '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("xl/workbook.xml", workbook),
                           ("xl/_rels/workbook.xml.rels", workbook_rels), ("xl/worksheets/sheet1.xml", sheet),
                           ("xl/sharedStrings.xml", shared), ("xl/styles.xml", styles)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 23, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def csv_line(values):
    out = []
    for v in values:
        s = "" if v is None else str(v)
        if any(ch in s for ch in ',"\r\n'):
            s = '"' + s.replace('"', '""') + '"'
        out.append(s)
    return ",".join(out)


def write_csv(path, lines, encoding):
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


here = os.path.dirname(os.path.abspath(__file__))
write_xlsx(os.path.join(here, "ledger.xlsx"), [HEAD] + XLSX_ROWS)

# Seed 004: 仑苍镇 and 水头镇 units; 𠮷 is a four-byte GB18030 character, 喆 a GBK one outside GB2312.
write_csv(os.path.join(here, "ledger-gb18030.csv"), [csv_line(HEAD)] + [csv_line(r) for r in [
    ["南安市仑苍镇水暖卫浴商会", code(11, "51"), "新社会组织", "商会", "350583108", "水暖厨卫", "南安市仑苍镇", 18, 7, "无", None, "在营", None, "中国水暖城", None],
    ["福建省辉煌水暖集团有限公司", code(12), "新经济组织", "企业", "350583108001", "水暖厨卫", "南安市仑苍镇辉煌路8号", 900, 310, "单独组建", "辉煌水暖集团党委", "在营", None, "中国水暖城", None],
    ["南安市仑苍喆盛阀门厂", code(13), "新经济组织", "企业", "350583108001", "阀门", "南安市仑苍镇", 60, 12, "无", None, "在营", None, "中国水暖城", None],
    ["𠮷祥水暖配件商行", code(14), "新经济组织", "企业", "350583108002", "水暖配件", "南安市仑苍镇", 9, 3, "无", None, "在营", None, "中国水暖城", None],
    ["南安市水头镇石材行业协会", code(15, "51"), "新社会组织", "行业协会", "350583109", "石材", "南安市水头镇，石材城", 30, 9, "联合组建", "水头石材行业联合党支部", "在营", None, None, None],
    ["“滴姐”爱心接送车队", None, "新就业群体", "新就业群体", "350583109", "网约车", "南安市水头镇", 40, 40, "无", None, "在营", None, None, None],
]], "gb18030")

write_csv(os.path.join(here, "ledger-utf8-bom.csv"), [
    csv_line(["Name", "Credit code", "Sector", "Kind", "Region code", "Industry", "Address", "Staff count", "Women count",
              "Party organization", "Party organization name", "Operating status", "Remarks"]),
    csv_line(["泉州芯谷南安园区", None, "NewEconomic", "Park", "350583002", "半导体", "南安市柳城街道", 5000, 1600, "Joint", "芯谷园区联合党委", "Operating", "园区整体"]),
    csv_line(["三安光电南安分公司", code(21), "NewEconomic", "Enterprise", "350583002001", "半导体", "南安市柳城街道", 2200, 640, "Own", "三安光电南安分公司党委", "Operating", None]),
    csv_line(["南安市巾帼志愿者协会", code(22, "51"), "NewSocial", "SocialOrganization", "350583002", "志愿服务", "南安市柳城街道", 25, 25, "None", None, "Operating", None]),
    csv_line(["货拉拉南安司机群体", None, "NewEmployment", "WorkerGroup", "350583002", "货运", None, 300, 4, "None", None, "Operating", "流动性强"]),
], "utf-8-sig")

good = ["南安市康美镇茶叶合作社", code(31), "新经济组织", "企业", "350583110001", "茶叶", "南安市康美镇", 20, 8, "无", None, "在营", None, None, None]
wrong_check = code(32)[:17] + ("0" if code(32)[17] != "0" else "1")
bad_rows = [
    good,                                                                                                    # row 2: correct
    ["南安市康美镇包装厂", wrong_check] + good[2:],                                                           # row 3: wrong check character
    ["濟(jì)南商貿(mào)有限公司", code(33)] + good[2:],                                                      # row 4: pinyin-annotated mojibake (seed 000)
    ["?!耙粚", code(34)] + good[2:],                                                                        # row 5: seed 000's mangled “一对一”
    ["南安市康美镇服装厂", code(35), "新经济组织", "企业", "350583110001", "服装", "南安市\ufffd\ufffd镇", 20, 8, "无", None, "在营", None, None, None],  # row 6: U+FFFD
    ["Ã¥Â¹Â¿ä¸œå…¬å¸", code(36)] + good[2:],                                                              # row 7: UTF-8 read as Latin-1
    ["南安市康美镇木器厂", code(37), "新经济组织", "企业", "350583110001", "木器", None, -3, 0, "无", None, "在营", None, None, None],  # row 8: negative staff
    ["南安市康美镇食品厂", code(38), "新经济组织", "企业", "350583110001", "食品", None, 10, 12, "无", None, "在营", None, None, None],  # row 9: women > staff
    ["南安市康美镇陶瓷厂", code(39), "新兴领域", "企业", "350583110001", "陶瓷", None, 10, 2, "无", None, "在营", None, None, None],  # row 10: unknown sector
    ["南安市康美镇印刷厂", code(40), "新经济组织", "企业", None, "印刷", None, 10, 2, "无", None, "在营", None, None, None],  # row 11: no region
    ["南安市康美镇茶叶合作社（重复）", code(31)] + good[2:],                                                  # row 12: same credit code as row 2
    [None] * len(HEAD),                                                                                      # row 13: blank, skipped
    ["南安市康美镇竹编厂", None, "新经济组织", "企业", "350583110001", "竹编", None, 10, 2, "无", None, "在营", None, None, None],  # row 14: enterprise without code
    ["晋江市某鞋业有限公司", code(41, region="350582"), "新经济组织", "企业", "350582100001", "制鞋", None, 10, 2, "无", None, "在营", None, None, None],  # row 15: outside the campaign's region
    ["南安市康美镇石雕厂", code(42), "新经济组织", "企业", "350583110001", "石雕", None, "很多", 2, "无", None, "在营", None, None, None],  # row 16: not a number
]
lines = [csv_line(HEAD)] + ["" if all(v is None for v in r) else csv_line(r) for r in bad_rows]
write_csv(os.path.join(here, "ledger-bad-rows.csv"), lines, "utf-8")
