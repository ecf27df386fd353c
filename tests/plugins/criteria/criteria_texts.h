// Real-looking judgments for the criteria tests: a correct civil and criminal judgment, edited per
// test to plant one defect, and helpers that run the criteria with and without the structure stage.
#pragma once


#include <string>
#include <vector>

#include "harness.h"

namespace pingcha::test {

// A first-instance civil judgment of 2022 (民法典, 民事诉讼法 2021 text) without defects.
inline const std::string kCivil =
    "辽宁省本溪市平山区人民法院\n"
    "民 事 判 决 书\n"
    "（2022）辽0502民初1234号\n"
    "原告：王某某，男，1980年3月5日出生，汉族，住辽宁省本溪市平山区。\n"
    "委托诉讼代理人：李某，辽宁某律师事务所律师。\n"
    "被告：本溪某商贸有限公司，住所地辽宁省本溪市明山区。\n"
    "法定代表人：赵某，该公司经理。\n"
    "原告王某某与被告本溪某商贸有限公司买卖合同纠纷一案，本院于2022年3月1日立案后，依法适用普通程序，公开开庭进行了审理。"
    "原告王某某及其委托诉讼代理人李某、被告本溪某商贸有限公司的法定代表人赵某到庭参加诉讼。本案现已审理终结。\n"
    "王某某向本院提出诉讼请求：1.判令被告支付货款100000元；2.判令被告支付违约金5000元；3.本案诉讼费用由被告负担。"
    "事实和理由：2021年5月10日，原告与被告签订买卖合同，约定原告向被告供应钢材，被告于收货后三十日内付款。原告依约供货，被告至今未付款。\n"
    "本溪某商贸有限公司辩称，对货款数额有异议，违约金过高，请求法院依法调整。\n"
    "本院经审理认定事实如下：2021年5月10日，原、被告签订买卖合同。原告于2021年6月1日交付钢材，价款100000元。被告未支付货款。"
    "上述事实，有买卖合同、送货单及当事人陈述在案为证，本院予以确认。\n"
    "本院认为，原、被告之间的买卖合同系双方真实意思表示，合法有效。本案的争议焦点为被告应否支付货款及违约金。"
    "原告已依约交付货物，被告应按约定支付价款。被告辩称违约金过高，但未提供证据证明原告的实际损失，本院对违约金5000元予以支持。"
    "依照《中华人民共和国民法典》第五百七十七条、第五百七十九条、第五百八十五条，《中华人民共和国民事诉讼法》第六十七条之规定，判决如下：\n"
    "一、被告本溪某商贸有限公司于本判决生效之日起十日内支付原告王某某货款100000元；\n"
    "二、被告本溪某商贸有限公司于本判决生效之日起十日内支付原告王某某违约金5000元。\n"
    "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十条之规定，加倍支付迟延履行期间的债务利息。\n"
    "案件受理费2400元，由被告本溪某商贸有限公司负担。\n"
    "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数提出副本，上诉于辽宁省本溪市中级人民法院。\n"
    "审　判　长　张某\n"
    "审　判　员　刘某\n"
    "人民陪审员　陈某\n"
    "二〇二二年六月十五日\n"
    "书　记　员　孙某\n";

// A first-instance criminal judgment of 2021 without defects, paragraphs joined by spaces as in
// the shared criminal set.
inline const std::string kCriminal =
    "辽宁省本溪市平山区人民法院 刑 事 判 决 书 （2021）辽0502刑初88号 公诉机关辽宁省本溪市平山区人民检察院。 "
    "被告人张某，男，1990年1月2日出生，汉族，初中文化，无业，住辽宁省本溪市平山区。因涉嫌犯盗窃罪于2021年3月2日被刑事拘留，"
    "同年3月9日被逮捕。现羁押于本溪市看守所。 辩护人刘某，辽宁某律师事务所律师。 "
    "辽宁省本溪市平山区人民检察院以本平检刑诉〔2021〕80号起诉书指控被告人张某犯盗窃罪，于2021年4月6日向本院提起公诉。"
    "本院依法适用简易程序，实行独任审判，公开开庭审理了本案。现已审理终结。 "
    "公诉机关指控，2021年2月20日，被告人张某在本溪市平山区某超市内，窃得被害人李某手机一部，价值人民币3000元。 "
    "上述事实，被告人张某在开庭审理过程中亦无异议，并有被害人李某的陈述、证人王某的证言、价格认定结论书、被告人的供述等证据证实，足以认定。 "
    "本院认为，被告人张某以非法占有为目的，秘密窃取他人财物，数额较大，其行为已构成盗窃罪。公诉机关指控的罪名成立。"
    "被告人张某到案后如实供述自己的罪行，依法可以从轻处罚。辩护人提出被告人认罪态度好的辩护意见，本院予以采纳。"
    "依照《中华人民共和国刑法》第二百六十四条、第六十七条第三款、第五十二条、第五十三条之规定，判决如下： "
    "被告人张某犯盗窃罪，判处有期徒刑六个月，并处罚金人民币二千元。 "
    "（刑期从判决执行之日起计算。判决执行以前先行羁押的，羁押一日折抵刑期一日，即自2021年3月2日起至2021年9月1日止。"
    "罚金于本判决生效后十日内缴纳。） "
    "如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向辽宁省本溪市中级人民法院提出上诉。"
    "书面上诉的，应当提交上诉状正本一份，副本二份。 "
    "审判员　王某 二〇二一年四月二十日 书记员　赵某 "
    "附：本判决适用的法律条文 《中华人民共和国刑法》 第二百六十四条　盗窃公私财物，数额较大的……";

// Replaces the first occurrence of from (which must exist) by to.
inline std::string edit(std::string text, const std::string& from, const std::string& to) {
    const auto p = text.find(from);
    if (p == std::string::npos) {
        ADD_FAILURE() << "edit: not found: " << from;
        return text;
    }
    return text.replace(p, from.size(), to);
}


// The pipeline a criterion runs under: after the structure stage, the one owner of the judgment's
// shape and of the kind, procedure and date that decide whether a criterion applies. Its refusal of
// texts that are not judgments is tested in tests/plugins/structure; here fragments are scored too.
inline std::vector<std::string> pipelines(const std::string& only) {
    return {"decode ! structure min_parts=0 ! criteria only=" + only};
}

class CriteriaTest : public ::testing::Test {
protected:
    static Harness& harness() {
        static Harness* h = [] {
            return new Harness({"decode-text", "structure", "criteria"});
        }();
        return *h;
    }

    // Findings of one criterion id on a text, under one pipeline.
    static std::vector<Finding> run(const std::string& pipeline, const std::string& text, const std::string& id) {
        auto d = harness().run_text(pipeline, text);
        EXPECT_FALSE(d.failed()) << (d.failure ? d.failure->message : "");
        std::vector<Finding> out;
        for (const auto& f : d.findings)
            if (f.criterion == id) out.push_back(f);
        last_view_ = d.view;
        return out;
    }

    // The text a finding points at (view == text: no stage here rewrites it).
    static std::string span(const Finding& f) { return utf8::encode(std::u32string_view(last_view_).substr(f.start, f.end - f.start)); }

    // Expects exactly the findings of id to include one whose span is `needle` (nth occurrence).
    static void expect_fires(const std::string& text, const std::string& id, const std::string& needle,
                             std::size_t nth = 0) {
        for (const auto& p : pipelines(id)) {
            const auto found = run(p, text, id);
            const std::size_t at = cp_find(text, needle, nth);
            ASSERT_NE(at, std::string::npos) << needle;
            bool hit = false;
            std::string seen;
            for (const auto& f : found) {
                seen += "[" + span(f) + "@" + std::to_string(f.start) + " " + f.message + "] ";
                if (f.start == at && f.end == at + utf8::count(needle)) hit = true;
            }
            EXPECT_TRUE(hit) << p << ": expected " << id << " at “" << needle << "” (" << at << "), saw " << seen;
        }
    }

    static void expect_silent(const std::string& text, const std::string& id) {
        for (const auto& p : pipelines(id)) {
            const auto found = run(p, text, id);
            std::string seen;
            for (const auto& f : found) seen += "[" + span(f) + " " + f.message + "] ";
            EXPECT_TRUE(found.empty()) << p << ": " << id << " should stay silent, saw " << seen;
        }
    }

    static inline std::u32string last_view_;
};

}  // namespace pingcha::test
