// The campaign report from a store: aggregates, CSV rows, escaping, highlighted spans, time limits.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pingcha/input.h"
#include "pingcha/pipeline.h"
#include "pingcha/report.h"
#include "pingcha/store.h"
#include "pingcha/utf8.h"

namespace fs = std::filesystem;
using namespace pingcha;

namespace {

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::size_t count_of(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

// A scored document as the pipeline would leave it, with facts filled in.
Document scored(const std::string& id, const std::string& text, const std::string& court, const std::string& code,
                const std::string& type, const std::string& judge, const std::string& filed, const std::string& decided,
                double score, const std::string& grade, std::vector<Finding> findings) {
    Document d;
    d.id = id;
    d.text = text;
    d.source.sha256 = sha256_hex(id + text);
    d.source.media_type = "text/plain";
    d.reset_view();
    d.plugin_versions = {{"criteria", "1"}};
    d.facts.court = court;
    CaseNumber cn;
    cn.text = "（2022）" + code + type + "1号";
    cn.court_code = code;
    cn.type_code = type;
    cn.year = 2022;
    d.facts.case_number = cn;
    d.facts.procedure = "普通";
    d.facts.filed_on = filed;
    d.facts.decided_on = decided;
    d.facts.judges.push_back({"审判长", "", judge, 0, 0});
    d.findings = std::move(findings);
    Score s;
    s.sheet = "spc-2016";
    s.sheet_version = "1";
    s.value = score;
    s.deducted = 100 - score;
    s.grade = grade;
    d.score = s;
    return d;
}

Finding finding(const std::string& criterion, std::size_t start, std::size_t end, double deduction) {
    Finding f;
    f.criterion = criterion;
    f.message = "问题 " + criterion;
    f.start = start;
    f.end = end;
    f.deduction = deduction;
    return f;
}

class ReportTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("pingcha-report-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        store_ = Store::open("sqlite:" + (dir_ / "s.db").string());
        const std::string hostile = "<script>alert(1)</script> 民事判决书\n二O二二年九月五日";
        const std::vector<Document> docs = {
            scored("a", "民事判决书 甲", "本溪市平山区人民法院", "辽0502", "民初", "张某", "2022-01-01", "2022-03-01", 98,
                   "优秀", {}),
            scored("b", hostile, "本溪市平山区人民法院", "辽0502", "民初", "张某", "2022-01-01", "2022-09-01", 90, "良好",
                   {finding("date.signature", 32, 41, 1), finding("citation.format", 0, 8, 1)}),
            scored("c", "刑事判决书 丙", "阜新市中级人民法院", "辽09", "刑终", "李某", "2022-01-01", "2022-02-01", 80, "合格",
                   {finding("date.signature", 0, 2, 1)}),
        };
        for (const auto& d : docs) {
            store_->put_document(d);
            store_->put_run(d, "q1");
        }
        // An older run of "c" in the same campaign: the report uses the latest only.
        Document old = docs[2];
        old.score->sheet_version = "0";
        old.score->value = 10;
        store_->put_run(old, "q1");
        Document newer = docs[2];
        store_->record_run(newer, "q1", "spc-2016", "2");
        // Another campaign stays out.
        store_->put_run(scored("x", "其他", "别的法院", "辽01", "民初", "王某", "", "", 50, "不合格", {}), "other");
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
    std::unique_ptr<Store> store_;
};

TEST_F(ReportTest, WritesChartsTablesAndEscapedPages) {
    ReportOptions ro;
    ro.campaign = "q1";
    ro.out_dir = (dir_ / "out").string();
    const ReportSummary sum = write_report(*store_, ro);
    EXPECT_EQ(sum.documents, 3u);
    EXPECT_NEAR(sum.average_score, (98 + 90 + 80) / 3.0, 1e-9);
    EXPECT_EQ(sum.excellent, 1u);
    EXPECT_EQ(sum.document_pages, 3u);

    const std::string index = read(dir_ / "out" / "index.html");
    EXPECT_GE(count_of(index, "<svg"), 5u);  // distribution, court averages, grades, criteria, durations
    EXPECT_EQ(index.find("<script"), std::string::npos);
    EXPECT_NE(index.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);  // the title of "b"
    EXPECT_EQ(index.find("别的法院"), std::string::npos);
    EXPECT_EQ(index.find("<link"), std::string::npos);  // self-contained
    EXPECT_EQ(index.find("src="), std::string::npos);

    const std::string courts = read(dir_ / "out" / "courts.csv");
    EXPECT_EQ(courts.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(courts.find("本溪市平山区人民法院,2,94.00,2,1.00"), std::string::npos) << courts;
    EXPECT_NE(courts.find("阜新市中级人民法院,1,80.00,1,1.00"), std::string::npos) << courts;

    const std::string criteria = read(dir_ / "out" / "criteria.csv");
    EXPECT_NE(criteria.find("date.signature,2,2,0.6667,2.0"), std::string::npos) << criteria;
    EXPECT_NE(criteria.find("citation.format,1,1,0.3333,1.0"), std::string::npos) << criteria;

    const std::string judges = read(dir_ / "out" / "judges.csv");
    EXPECT_NE(judges.find("张某,本溪市平山区人民法院,2,94.00,2,1"), std::string::npos) << judges;

    const std::string excellent = read(dir_ / "out" / "excellent.csv");
    EXPECT_NE(excellent.find("\r\na,"), std::string::npos);
    EXPECT_EQ(count_of(excellent, "\r\n"), 2u);

    // b: 243 days for a 民初 普通 case (limit 180) is over; a (59 days) and c (31 of 60) are within.
    const std::string over = read(dir_ / "out" / "over_limit.csv");
    EXPECT_EQ(count_of(over, "\r\n"), 2u) << over;
    EXPECT_NE(over.find("\r\nb,"), std::string::npos);
    EXPECT_NE(over.find(",243,180,63"), std::string::npos) << over;

    // The page of "b": text escaped, both defects marked, the signature date span exactly.
    bool found = false;
    for (const auto& e : fs::directory_iterator(dir_ / "out" / "documents")) {
        const std::string page = read(e.path());
        if (page.find("alert(1)") == std::string::npos) continue;
        found = true;
        EXPECT_EQ(page.find("<script"), std::string::npos);
        EXPECT_NE(page.find("<mark class=\"error\" title=\"citation.format: 问题 citation.format\">&lt;script&gt;</mark>"),
                  std::string::npos) << page;
        EXPECT_NE(page.find(">二O二二年九月五日</mark>"), std::string::npos) << page;
    }
    EXPECT_TRUE(found);
}

TEST_F(ReportTest, UnknownCampaignIsAConfigError) {
    ReportOptions ro;
    ro.campaign = "nope";
    ro.out_dir = (dir_ / "out").string();
    EXPECT_THROW(write_report(*store_, ro), ConfigError);
}

TEST(ReportHelpers, TimeLimitsDaysAndEscaping) {
    EXPECT_EQ(statutory_limit_days("民初", "普通").value_or(0), 180);
    EXPECT_EQ(statutory_limit_days("民初", "简易").value_or(0), 90);
    EXPECT_EQ(statutory_limit_days("民终", "二审").value_or(0), 90);
    EXPECT_EQ(statutory_limit_days("刑初", "简易").value_or(0), 20);
    EXPECT_EQ(statutory_limit_days("刑终", "").value_or(0), 60);
    EXPECT_FALSE(statutory_limit_days("执", "").has_value());
    EXPECT_EQ(days_between("2022-05-10", "2022-09-05").value_or(-1), 118);
    EXPECT_EQ(days_between("2024-02-28", "2024-03-01").value_or(-1), 2);  // leap year
    EXPECT_FALSE(days_between("2022-13-01", "2022-09-05").has_value());
    EXPECT_FALSE(days_between("", "2022-09-05").has_value());
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
