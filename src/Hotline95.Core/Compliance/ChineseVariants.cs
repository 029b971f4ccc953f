using System.Collections.Frozen;

namespace Hotline95.Core.Compliance;

/// <summary>
/// Traditional → simplified, character for character (so positions in the text are kept), for the
/// characters of the lexicon and of common service copy. Copy written in traditional characters, or mixing
/// both, is scanned as the same words.
/// </summary>
public static class ChineseVariants
{
    private const string Traditional =
        "專業權歡進價級極終巔獨無個創發絕僅後補內萬險賺領導軍馳標龍頭檢導薦產銷時搶購辦殺賓買倉費禮營現滿減團優質錢賴齊貼譜熱門實劃穩風與這們為從來說話號碼電務還額單貨據證據據據讓選擇應該對當處機關構會員書請問題聯繫週間點開關閉結帳戶銀儲蓄卡資訊網線連續務價費總額償還戶頭額剛幫給們說讀寫廣告傳統飯產品質種類體驗專員們計劃劃畫臺灣東廠區醫療藥師學習練課報導證書獎勵獲優惠勝輸贏樂趣環境氣溫濕熱燈電視聽覺觀點邊緣節約經濟發展韓國際義務護理車輛輪軸鐘錶鐵鋼鋁銅針線織紡織彈簧圖書館館長師範誌記錄錄音檔案態度願景準則規範標誌舉辦擔保險種條款約定預約訂單購買運輸遞送郵件郵編號碼";
    private const string Simplified =
        "专业权欢进价级极终巅独无个创发绝仅后补内万险赚领导军驰标龙头检导荐产销时抢购办杀宾买仓费礼营现满减团优质钱赖齐贴谱热门实划稳风与这们为从来说话号码电务还额单货据证据据据让选择应该对当处机关构会员书请问题联系周间点开关闭结账户银储蓄卡资讯网线连续务价费总额偿还户头额刚帮给们说读写广告传统饭产品质种类体验专员们计划划画台湾东厂区医疗药师学习练课报导证书奖励获优惠胜输赢乐趣环境气温湿热灯电视听觉观点边缘节约经济发展韩国际义务护理车辆轮轴钟表铁钢铝铜针线织纺织弹簧图书馆馆长师范志记录录音档案态度愿景准则规范标志举办担保险种条款约定预约订单购买运输递送邮件邮编号码";

    private static readonly FrozenDictionary<char, char> Map = Build();

    private static FrozenDictionary<char, char> Build()
    {
        if (Traditional.Length != Simplified.Length)
        {
            throw new InvalidOperationException("the variant tables differ in length");
        }

        var map = new Dictionary<char, char>();
        for (var i = 0; i < Traditional.Length; i++)
        {
            if (Traditional[i] != Simplified[i])
            {
                map[Traditional[i]] = Simplified[i];
            }
        }

        // Characters whose traditional form is outside the pair strings above.
        const string MoreTraditional = "頂嚴認擁傑尋測試詢諮隊貴歲鋪輕鬆確稱讚衛戰樣謝親愛裝舊換裡壞響鑽強億嗎啟蘭遠達將雲絡罰鄉設貸歸錯誤損贈參與滿優勢紀錄獨佔國業髮佈於隻歷態麼麵權級專價熱銷經濟劃算賞儘燒殺獎勵鮮貨購飲溫護膚療檢測證閱讀據綫號線質劑藥療醫診報價";
        const string MoreSimplified = "顶严认拥杰寻测试询咨队贵岁铺轻松确称赞卫战样谢亲爱装旧换里坏响钻强亿吗启兰远达将云络罚乡设贷归错误损赠参与满优势纪录独占国业发布于只历态么面权级专价热销经济划算赏尽烧杀奖励鲜货购饮温护肤疗检测证阅读据线号线质剂药疗医诊报价";
        for (var i = 0; i < MoreTraditional.Length; i++)
        {
            map[MoreTraditional[i]] = MoreSimplified[i];
        }

        return map.ToFrozenDictionary();
    }

    public static char ToSimplified(char c) => Map.TryGetValue(c, out var s) ? s : c;
}
