// Tests of the chinese plugin: normalisation with exact offsets, segmentation with the legal
// lexicon and typed tokens, OCR correction on OCR pages only, mixed scripts and bad bytes.
#include <fstream>
#include <random>
#include <sstream>

#include "harness.h"

namespace pingcha::test {
namespace {

const char* const kPlugins[] = {"decode-text", "chinese"};

Harness& harness() {
    static Harness h({kPlugins[0], kPlugins[1]});
    return h;
}

std::string view_str(const Document& d, std::size_t s, std::size_t e) { return d.view_utf8(s, e); }

const Token* find_token(const Document& d, const std::string& s) {
    for (const auto& t : d.tokens)
        if (view_str(d, t.start, t.end) == s) return &t;
    return nullptr;
}

bool is_ws(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == 0x3000 || c == 0xA0 || c == 0x200B || c == 0x200C ||
           c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

// What normalize may turn a text character into (a restatement of its rules, written apart).
bool may_become(char32_t from, char32_t to) {
    if (from == to) return true;
    if (from >= 0xFF10 && from <= 0xFF5E && from != 0xFF2F && from != 0xFF4F) return to == from - 0xFEE0;
    static const std::u32string dashes = U"\u2010\u2011\u2012\u2013\u2212\uFE63";
    if (dashes.find(from) != std::u32string::npos) return to == U'-';
    if (from == 0x2015 || from == 0xFE58) return to == 0x2014;
    if (from == 0x201E || from == 0x201F || from == 0x301D || from == 0x300C) return to == 0x201C;
    if (from == 0x301E || from == 0x301F || from == 0x300D) return to == 0x201D;
    if (from == 0x201A || from == 0x201B || from == 0x300E) return to == 0x2018;
    if (from == 0x300F) return to == 0x2019;
    if (from == 0xA0) return to == U' ';
    return false;
}

// Every view character comes from the text character its map points at, and whatever the
// map skips is whitespace; so every token maps back to exactly its original characters.
void expect_offsets_exact(const Document& d, const std::string& what) {
    const std::u32string text = utf8::decode(d.text);
    ASSERT_EQ(d.view_to_text.size(), d.view.size() + 1) << what;
    ASSERT_EQ(d.view_to_text.back(), text.size()) << what;
    for (std::size_t i = 0; i < d.view.size(); ++i) {
        const std::size_t t = d.view_to_text[i];
        ASSERT_LT(t, text.size()) << what;
        ASSERT_LT(t, d.view_to_text[i + 1]) << what << " at view " << i;
        ASSERT_TRUE(may_become(text[t], d.view[i]))
            << what << ": view " << i << " U+" << std::hex << static_cast<unsigned>(d.view[i]) << " from U+"
            << static_cast<unsigned>(text[t]);
        for (std::size_t k = t + 1; k < d.view_to_text[i + 1]; ++k)
            ASSERT_TRUE(is_ws(text[k])) << what << ": dropped non-space at text " << k;
    }
    for (std::size_t k = 0; k < d.view_to_text.front(); ++k) ASSERT_TRUE(is_ws(text[k])) << what;
    std::size_t prev_end = 0;
    for (const auto& tok : d.tokens) {
        ASSERT_LT(tok.start, tok.end) << what;
        ASSERT_LE(prev_end, tok.start) << what;
        ASSERT_LE(tok.end, d.view.size()) << what;
        prev_end = tok.end;
        const Span s = d.to_text_span(tok.start, tok.end);
        std::u32string orig;
        for (std::size_t k = s.start; k < s.end; ++k)
            if (!is_ws(text[k]) || k == d.view_to_text[tok.start]) orig.push_back(text[k]);
        const std::u32string v = d.view.substr(tok.start, tok.end - tok.start);
        ASSERT_EQ(orig.size(), v.size()) << what << ": token " << utf8::encode(v);
        for (std::size_t k = 0; k < v.size(); ++k) ASSERT_TRUE(may_become(orig[k], v[k])) << what;
    }
    for (const auto& s : d.sentences) ASSERT_LE(s.end, d.view.size()) << what;
}

TEST(ChineseSegment, LegalTermsAreOneToken) {
    auto d = harness().run_text(
        "decode ! normalize ! segment",
        "上诉人（原审被告）本溪某建材有限公司，法定代表人张某。本院依法组成合议庭，当事人均到庭参加诉讼。");
    ASSERT_FALSE(d.failed()) << d.failure->message;
    for (const char* w : {"上诉人", "法定代表人", "合议庭", "当事人", "原审"}) {
        const Token* t = find_token(d, w);
        ASSERT_NE(t, nullptr) << w;
        EXPECT_EQ(t->type, "word") << w;
    }
    EXPECT_EQ(find_token(d, "上诉"), nullptr);
    expect_offsets_exact(d, "legal terms");
}

TEST(ChineseSegment, PlainIcuSplitsTheTermsTheLexiconJoins) {
    auto d = harness().run_text("decode ! segment mode=icu", "法定代表人和当事人");
    ASSERT_FALSE(d.failed());
    EXPECT_EQ(find_token(d, "法定代表人"), nullptr);
}

TEST(ChineseSegment, TypedTokens) {
    auto d = harness().run_text("decode ! normalize ! segment",
                                "（2022）辽05民终1234号。2022年5月10日立案，二〇一八年五月二十八日。依照《中"
                                "华人民共和国民法典》第五百七十七条，"
                                "第2款，支付货款1234.5元、10万元，共3份。");
    ASSERT_FALSE(d.failed());
    const std::pair<const char*, const char*> expected[] = {{"（2022）辽05民终1234号", "case_number"},
                                                            {"2022年5月10日", "date"},
                                                            {"二〇一八年五月二十八日", "date"},
                                                            {"第五百七十七条", "article"},
                                                            {"第2款", "article"},
                                                            {"1234.5元", "amount"},
                                                            {"10万元", "amount"},
                                                            {"3", "number"},
                                                            {"，", "punct"},
                                                            {"《", "punct"}};
    for (const auto& [s, type] : expected) {
        const Token* t = find_token(d, s);
        ASSERT_NE(t, nullptr) << s;
        EXPECT_EQ(t->type, type) << s;
    }
    ASSERT_GE(d.sentences.size(), 3u);
    EXPECT_EQ(view_str(d, d.sentences[0].start, d.sentences[0].end), "（2022）辽05民终1234号。");
    expect_offsets_exact(d, "typed");
}

TEST(ChineseSegment, LexiconResourceAndParameterAddWords) {
    const std::string path = std::string(PINGCHA_BINARY_DIR) + "/test_chinese_extra_lexicon.txt";
    std::ofstream(path) << "# test words\n溪湖区法院\n";
    auto plain = harness().run_text("decode ! normalize ! segment", "溪湖区法院受理");
    EXPECT_EQ(find_token(plain, "溪湖区法院"), nullptr);
    auto d = harness().run_text("decode ! normalize ! segment lexicon=" + path, "溪湖区法院受理");
    ASSERT_FALSE(d.failed());
    EXPECT_NE(find_token(d, "溪湖区法院"), nullptr);
    Harness h({"decode-text", "chinese"});
    h.registry().add_resource("lexicon", path);
    auto r = h.run_text("decode ! normalize ! segment", "溪湖区法院受理");
    EXPECT_NE(find_token(r, "溪湖区法院"), nullptr);
}

TEST(ChineseNormalize, WidthFoldingKeepsWhatCriteriaJudge) {
    auto d = harness().run_text(
        "decode ! normalize",
        "ＡＢＣ公司２０２２年，二Ｏ一八年，二０一八年，二O一八年，二〇一八年，零○，（1）(2)，，,");
    ASSERT_FALSE(d.failed());
    const std::string v = utf8::encode(d.view);
    EXPECT_NE(v.find("ABC公司2022年"), std::string::npos) << v;
    EXPECT_NE(v.find("二Ｏ一八年"), std::string::npos) << v;  // full-width O stays
    EXPECT_NE(v.find("二０一八年"), std::string::npos) << v;  // ０ among numerals stays
    EXPECT_NE(v.find("二O一八年"), std::string::npos) << v;
    EXPECT_NE(v.find("二〇一八年"), std::string::npos) << v;
    EXPECT_NE(v.find("零○"), std::string::npos) << v;
    EXPECT_NE(v.find("（1）(2)，，,"), std::string::npos) << v;  // punctuation width kept
    expect_offsets_exact(d, "width");
}

TEST(ChineseNormalize, SpacedTitlesJoinedParagraphBreaksKept) {
    auto d = harness().run_text(
        "decode ! normalize ! segment",
        "辽宁省本溪市中级人民法院\n民 事 判 决 书\n上海市奉贤区人民法院 刑事判决书\u3000审　判　长 张某");
    ASSERT_FALSE(d.failed());
    const std::string v = utf8::encode(d.view);
    EXPECT_NE(v.find("\n民事判决书\n"), std::string::npos) << v;
    EXPECT_NE(v.find("人民法院 刑事判决书"), std::string::npos) << v;
    EXPECT_NE(v.find("审判长"), std::string::npos) << v;
    ASSERT_NE(find_token(d, "判决书"), nullptr);
    const Token* t = find_token(d, "审判长");
    ASSERT_NE(t, nullptr);
    const Span s = d.to_text_span(t->start, t->end);
    EXPECT_EQ(utf8::substr(d.text, s.start, s.end).substr(0, 3), "审");
    expect_offsets_exact(d, "spaced");
}

TEST(ChineseNormalize, DashesAndQuotesUnified) {
    auto d = harness().run_text("decode ! normalize", "「借条」〝证据〞2020–2021年―甲");
    ASSERT_FALSE(d.failed());
    EXPECT_EQ(utf8::encode(d.view), "“借条”“证据”2020-2021年—甲");
    expect_offsets_exact(d, "quotes");
}

TEST(ChineseMixedScripts, NoCrashAndExactOffsets) {
    const std::string samples[] = {
        "被告人John Smith（约翰·史密斯），护照号Ｅ１２３４５６７８，住Ｎｅｗ　Ｙｏｒｋ。",
        "本院審理認為，上訴人的請求於法有據，判決如下：駁回上訴，維持原判。",
        "原告发送微信😀😀称“还钱🙏”，被告回复👍。2022年5月10日😀",
        "\xEF\xBF\xBD乱码\xEF\xBF\xBD与\u200B零宽\u00AD字符\u00A0以及\t制表符",
        "１２３４５６７８９０ａｂｃ－－—— ——「」『』",
        "𠀀𠀁𪚥（2022）辽05民终1234号𠀀",
        " 民 事 ",
        "a",
    };
    for (const auto& s : samples) {
        auto d = harness().run_text("decode ! normalize ! segment", s);
        ASSERT_FALSE(d.failed()) << s << ": " << d.failure->message;
        ASSERT_FALSE(d.tokens.empty()) << s;
        expect_offsets_exact(d, s);
    }
}

TEST(ChineseMixedScripts, Gb18030InputAndInvalidBytes) {
    // 法院判决 in GB18030, then the same with bytes that are valid in neither encoding.
    auto ok = harness().run_text("decode ! normalize ! segment", "\xB7\xA8\xD4\xBA\xC5\xD0\xBE\xF6 2022");
    ASSERT_FALSE(ok.failed()) << ok.failure->message;
    EXPECT_EQ(ok.text, "法院判决 2022");
    expect_offsets_exact(ok, "gb18030");
    auto bad = harness().run_text("decode ! normalize ! segment", "\xB7\xA8\xD4\xBA\xFF\xFF\x80");
    ASSERT_TRUE(bad.failed());
    EXPECT_EQ(bad.failure->error_class, "corrupt");
}

Document ocr_doc(const std::string& text, bool is_ocr) {
    Document doc;
    doc.id = "ocr";
    doc.text = text;
    Page p;
    p.number = 1;
    p.is_ocr = is_ocr;
    p.text_end = utf8::count(text);
    doc.pages.push_back(p);
    return doc;
}

const std::string kOcrSample =
    "辽宁省本汉市中级人民法院\n民 事 判 决 "
    "书\n《2022）辽05民终1234号\n上诉人张茶，男。本院令法组成合议庭，审判贝李茶某。"
    "斋北省武汉市汉族人，喝茶。本溪市平出区人民法院，西和县。";

TEST(ChineseCorrect, ChangesNothingOnTextFilesAndTextLayers) {
    auto txt = harness().run_text("decode ! normalize", kOcrSample);
    auto corrected = harness().run_text("decode ! normalize ! correct", kOcrSample);
    ASSERT_FALSE(corrected.failed());
    EXPECT_TRUE(corrected.corrections.empty());
    EXPECT_EQ(corrected.view, txt.view);
    EXPECT_EQ(corrected.view_to_text, txt.view_to_text);
    auto layer = harness().run("normalize ! correct", ocr_doc(kOcrSample, false));
    EXPECT_TRUE(layer.corrections.empty());
    EXPECT_EQ(layer.view, txt.view);
}

TEST(ChineseCorrect, FixesOcrConfusionsAndRecordsThem) {
    auto d = harness().run("normalize ! correct", ocr_doc(kOcrSample, true));
    ASSERT_FALSE(d.failed()) << d.failure->message;
    const std::string v = utf8::encode(d.view);
    EXPECT_NE(v.find("辽宁省本溪市中级人民法院"), std::string::npos) << v;
    EXPECT_NE(v.find("（2022）辽05民终1234号"), std::string::npos) << v;
    EXPECT_NE(v.find("上诉人张某，"), std::string::npos) << v;
    EXPECT_NE(v.find("本院依法组成"), std::string::npos) << v;
    EXPECT_NE(v.find("审判员李某某"), std::string::npos) << v;
    // 斋北省 fits 湖北省 and 河北省: ambiguous, left alone; 汉族, 武汉, 喝茶 untouched.
    EXPECT_NE(v.find("斋北省武汉市汉族人，喝茶"), std::string::npos) << v;
    EXPECT_NE(v.find("本溪市平山区人民法院，西和县"), std::string::npos) << v;  // short names not guessed
    EXPECT_EQ(d.text, kOcrSample);                                              // text is never rewritten
    ASSERT_GE(d.corrections.size(), 6u);
    for (const auto& c : d.corrections) {
        EXPECT_EQ(utf8::substr(d.text, c.start, c.end), c.from) << c.from << "→" << c.to;
        EXPECT_FALSE(c.reason.empty());
    }
    // Applying the corrections to text gives the corrected characters.
    std::string applied = d.text;
    for (auto it = d.corrections.rbegin(); it != d.corrections.rend(); ++it) {
        const std::size_t b = utf8::substr(applied, 0, it->start).size();
        const std::size_t e = utf8::substr(applied, 0, it->end).size();
        applied.replace(b, e - b, it->to);
    }
    EXPECT_NE(applied.find("辽宁省本溪市"), std::string::npos);
    EXPECT_NE(applied.find("（2022）辽05民终"), std::string::npos);
    ASSERT_EQ(d.view_to_text.size(), d.view.size() + 1);
    // Segment after correct: the case number is one typed token again.
    auto s = harness().run("normalize ! correct ! segment", ocr_doc(kOcrSample, true));
    const Token* t = find_token(s, "（2022）辽05民终1234号");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->type, "case_number");
}

TEST(ChineseNormalize, OcrSpacesBetweenHanRemovedOnlyOnOcrPages) {
    const std::string text = "本院 认为，被告 人张某";
    auto ocr = harness().run("normalize", ocr_doc(text, true));
    EXPECT_EQ(utf8::encode(ocr.view), "本院认为，被告人张某");
    expect_offsets_exact(ocr, "ocr spaces");
    auto txt = harness().run("normalize", ocr_doc(text, false));
    EXPECT_EQ(utf8::encode(txt.view), text);  // a paragraph break in a text file stays
}

// The "fd" value of a judgment line, JSON-unescaped enough for this data (no escapes besides \" and \n).
std::string fd_of(const std::string& l) {
    const auto at = l.find("\"fd\": \"");
    std::string fd;
    if (at == std::string::npos) return fd;
    for (std::size_t i = at + 7; i < l.size() && l[i] != '"'; ++i) {
        if (l[i] == '\\' && i + 1 < l.size()) {
            ++i;
            fd.push_back(l[i] == 'n' ? '\n' : l[i]);
        } else {
            fd.push_back(l[i]);
        }
    }
    return fd;
}

// Lexicon words also take part in the dictionary pass: 当事人 wins over ICU's 当事 | 人的;
// without that (lexicon_cost=-1) the merge cannot join across ICU's boundary.
TEST(ChineseSegment, LexiconWordsInTheDictionaryPass) {
    const char* text = "并按对方当事人的人数提出副本";
    auto d = harness().run_text("decode ! normalize ! segment", text);
    EXPECT_NE(find_token(d, "当事人"), nullptr);
    EXPECT_NE(find_token(d, "的"), nullptr);
    auto off = harness().run_text("decode ! normalize ! segment lexicon_cost=-1", text);
    EXPECT_NE(find_token(off, "人的"), nullptr);
    EXPECT_EQ(find_token(off, "当事人"), nullptr);
}

// The fast segmentation over ICU's cjdict gives the words and sentences of ICU's own break
// iterators: with lexicon_cost=-1, same tokens and sentences as mode=icu-lexicon (the iterator path) on the gold set, on mixed scripts, on a
// sample of SIGHAN PKU/MSR and on real judgments.
std::string token_diff(const std::string& text, const char* what) {
    auto fast = harness().run_text("decode ! normalize ! segment lexicon_cost=-1", text);
    auto slow = harness().run_text("decode ! normalize ! segment mode=icu-lexicon", text);
    if (fast.failed() || slow.failed()) return std::string(what) + ": a run failed";
    if (fast.sentences.size() != slow.sentences.size())
        return std::string(what) + ": " + std::to_string(fast.sentences.size()) + " sentences, ICU " +
               std::to_string(slow.sentences.size());
    for (std::size_t i = 0; i < fast.sentences.size(); ++i)
        if (fast.sentences[i].start != slow.sentences[i].start || fast.sentences[i].end != slow.sentences[i].end)
            return std::string(what) + ": sentence " + std::to_string(i) + " '" +
                   fast.view_utf8(fast.sentences[i].start, fast.sentences[i].end) + "', ICU '" +
                   slow.view_utf8(slow.sentences[i].start, slow.sentences[i].end) + "'";
    const std::size_t n = std::min(fast.tokens.size(), slow.tokens.size());
    for (std::size_t i = 0; i <= n; ++i) {
        const bool end = i == n;
        if (!end && fast.tokens[i].start == slow.tokens[i].start && fast.tokens[i].end == slow.tokens[i].end &&
            fast.tokens[i].type == slow.tokens[i].type)
            continue;
        if (end && fast.tokens.size() == slow.tokens.size()) return "";
        std::string m = std::string(what) + ": token " + std::to_string(i);
        for (const auto* d : {&fast, &slow}) {
            m += d == &fast ? "\n  fast:" : "\n  icu: ";
            for (std::size_t k = i > 2 ? i - 2 : 0; k < std::min(d->tokens.size(), i + 3); ++k)
                m += " [" + d->view_utf8(d->tokens[k].start, d->tokens[k].end) + "/" + d->tokens[k].type + "]";
        }
        return m;
    }
    return "";
}

TEST(ChineseSegment, FastWordsAgreeWithIcuIterator) {
    const char* const mixed[] = {
        "原告张三与被告北京市海淀区人民法院于２０１５年３月签订合同，金额１，０００．５元。",
        "ABC公司a.b 3.5% can't 1,000,000 x_y 第3.2条 Ｏ型 〇一二",
        "カタカナとひらがなの文章、コンピューター。漢字𠀀𪚥字",
        "e\u0301tude 中\u0301文 \u200d中 ½ ① ⅱ 2019-01-02 ～ § №12",
        "他说：“好。”然后走了。Mr. Smith met Dr. Who. it is 3.5 m. e.g. this. U.S.A. Now! Yes?? No!) ok\r\nX. y",
        "第一条。\n\n第二条；第三条！（完）。。 下一句\u2029末句... 又一句",
        "ab12 12ab a1b 1a2 x_1 1_ _ __a 1_2 cｏd1０ 3'4 a'b a:b 1:2 a;b 1;2 1.a a.1",
        "（2016）京0105民初12345号 ：“判决如下：”  \t 一、被告于本判决生效之日起十日内",
    };
    int k = 0;
    for (const char* m : mixed) EXPECT_EQ(token_diff(m, ("mixed " + std::to_string(k++)).c_str()), "");
    std::ifstream in(source_path("testdata/segmentation/judgments_test.utf8"));
    ASSERT_TRUE(in);
    k = 0;
    for (std::string line; std::getline(in, line); ++k)
        if (!line.empty()) {
            EXPECT_EQ(token_diff(line, ("gold line " + std::to_string(k)).c_str()), "");
        }
    if (const std::string path = shared_data("judgments/criminal-full-judge-test.jsonl"); !path.empty()) {
        std::ifstream j(path);
        k = 0;
        for (std::string line; std::getline(j, line); ++k) {
            if (k % 20 == 0) {
                EXPECT_EQ(token_diff(fd_of(line), ("judgment line " + std::to_string(k)).c_str()), "");
            }
        }
    }
    for (const char* set : {"sighan2005/pku_test.utf8", "sighan2005/msr_test.utf8"}) {
        const std::string path = shared_data(set);
        if (path.empty()) continue;
        std::ifstream s(path);
        k = 0;
        for (std::string line; std::getline(s, line) && k < 400; ++k)
            if (!line.empty()) {
                EXPECT_EQ(token_diff(line, (std::string(set) + " line " + std::to_string(k)).c_str()), "");
            }
    }
}

// Sentences of the gold set: real judgment text, so offsets hold on what courts write.
TEST(ChineseOffsets, GoldSetSentences) {
    std::ifstream in(source_path("testdata/segmentation/judgments_test.utf8"));
    ASSERT_TRUE(in) << "testdata/segmentation/judgments_test.utf8 missing";
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        auto d = harness().run_text("decode ! normalize ! segment", line.empty() ? std::string("空") : line);
        ASSERT_FALSE(d.failed());
        expect_offsets_exact(d, line);
        ++n;
    }
    EXPECT_GE(n, 300);
}

// Property: for random real judgments every token and normalised span maps back exactly.
TEST(ChineseOffsets, RandomRealJudgments) {
    const std::string path = shared_data("judgments/criminal-full-judge-test.jsonl");
    if (path.empty()) GTEST_SKIP() << "shared data absent: ../shared/data/judgments";
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::mt19937 rng(20261126);
    for (int k = 0; k < 40; ++k) {
        const std::string& l = lines[rng() % lines.size()];
        ASSERT_NE(l.find("\"fd\": \""), std::string::npos);
        const std::string fd = fd_of(l);
        auto d = harness().run_text("decode ! normalize ! segment", fd, "j" + std::to_string(k));
        ASSERT_FALSE(d.failed()) << d.failure->message;
        expect_offsets_exact(d, "judgment " + std::to_string(k));
        auto o = harness().run("normalize ! correct ! segment", ocr_doc(fd, true));
        ASSERT_FALSE(o.failed());
        ASSERT_EQ(o.view_to_text.size(), o.view.size() + 1);
        for (const auto& c : o.corrections) EXPECT_EQ(utf8::substr(o.text, c.start, c.end), c.from);
    }
}

}  // namespace
}  // namespace pingcha::test
