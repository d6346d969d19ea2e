"""The demo's tables: teams, kinds of work, free-time patterns, the two project libraries, rewards."""

from linli.people import free_time

SIZE = {"xianhu": 300, "xinyuan": 150}
TEAMS = {
    "xianhu": [
        ("星火驿站志愿服务队", "党群志愿服务"),
        ("党员志愿服务队", "党员志愿服务"),
        ("平安巡逻队", "平安巡逻"),
        ("新市民融入服务队", "关爱帮扶"),
    ],
    "xinyuan": [
        ("辰光小区党员志愿者服务站", "党员志愿服务"),
        ("红色便民服务队", "便民服务"),
        ("“独居不孤独”关爱队", "关爱帮扶"),
        ("社区文艺队", "文体活动"),
    ],
}
# The rooms each community serves in (仙湖: the 星火驿站 and the community college; 新源: the
# 党群服务中心 and the 小灯塔 day-care class): WORK names them by key, work_for() fills them in.
PLACES = {
    "xianhu": {"station": "星火驿站", "classroom": "社区学院"},
    "xinyuan": {"station": "党群服务中心", "classroom": "小灯塔托管班"},
}
WORK = [
    ("{station}值守", "{station}", "convenience"),
    ("义剪", "{station}", "convenience"),
    ("义诊协助", "党群服务中心", "health"),
    ("独居老人探访", "", "care"),
    ("环境整治", "小区公共区域", "environment"),
    ("垃圾分类督导", "垃圾投放点", "environment"),
    ("文明劝导", "小区门口", "civility"),
    ("平安巡逻", "小区", "patrol"),
    ("政策宣传", "{station}", "policy"),
    ("四点半课堂辅导", "{classroom}", "tutoring"),
    ("小区议事会记录", "{station}", "mediation"),
    ("邻里纠纷调解协助", "调解室", "mediation"),
    ("文艺演出", "社区广场", "culture"),
    ("帮独居老人代购", "", "care"),
    ("上门帮助认证养老金", "", "convenience"),
]
PATTERNS = [
    free_time.WEEKEND & sum(free_time.bit(d, 0) for d in range(7)),  # weekend mornings
    sum(free_time.bit(d, 2) for d in range(5)),  # weekday evenings
    free_time.ALL & ~sum(free_time.bit(d, 2) for d in range(7)),  # retired: days, not evenings
    free_time.WEEKEND,
    free_time.bit(2, 1) | free_time.bit(5, 0) | free_time.bit(5, 1),
]
EXTRA_SKILLS = ["陪护", "水电维修", "电脑", "心理疏导", "驾驶", "急救", "手工", "宣传写作", "垃圾分类", "唱歌"]
PROJECTS_XIANHU = [
    ("星火驿站周末值守", "每周六、日上午在星火驿站接待居民、收集民意、登记需求", "小区居民", "convenience", "", 4),
    ("独居老人结对关爱", "与独居老人结对，每周至少电话问候一次、每月上门一次", "独居老人、高龄老人", "care", "陪护", 6),
    ("每月义剪", "每月第一个周六在星火驿站为老人、残疾人免费理发", "老人、残疾人", "convenience", "理发", 3),
    ("社区义诊", "每季度组织一次义诊，量血压、测血糖、用药咨询", "全体居民", "health", "医疗、中医推拿", 3),
    ("四点半课堂", "工作日放学后为双职工家庭孩子辅导作业", "双职工家庭子女", "tutoring", "辅导", 5),
    ("新市民融入引导", "帮助新入住居民办理居住证、熟悉社区服务", "新市民", "care", "", 4),
    ("垃圾分类督导", "早晚投放高峰在投放点督导、宣传垃圾分类", "小区居民", "environment", "垃圾分类", 6),
    ("楼道微改造", "清理楼道杂物、刷新墙面、加装扶手", "老旧楼栋居民", "environment", "水电维修", 3),
    ("小区议事会记录员", "为小区议事会做会议记录、整理议事结果", "小区议事会", "mediation", "宣传写作", 2),
    ("法律咨询进驿站", "每月一次在星火驿站提供免费法律咨询", "全体居民", "policy", "法律咨询", 2),
    ("心理疏导热线", "为有需要的居民提供心理疏导、情绪支持", "有心理需求的居民", "care", "心理咨询、心理疏导", 2),
    ("智能手机教学", "教老人用智能手机：视频通话、扫码、网上缴费", "老人", "tutoring", "电脑", 4),
    ("平安夜巡", "每周两晚在小区巡逻，检查消防通道和电动车充电", "小区居民", "patrol", "", 6),
    ("家电小修", "每月一次为居民免费检修小家电", "全体居民", "convenience", "家电维修、水电维修", 3),
    ("文明养犬劝导", "劝导拴绳遛狗、清理犬只粪便", "小区居民", "civility", "", 4),
    ("社区学院书法班助教", "协助书法老师上课、准备教具", "书法班学员", "culture", "书法", 2),
    ("广场舞队伍带教", "带领广场舞队伍排练，参加社区文艺演出", "文艺爱好者", "culture", "舞蹈", 2),
    ("防诈骗宣传", "进楼栋、进驿站宣传防电信诈骗", "老人", "policy", "宣传写作", 4),
    ("困难家庭帮扶", "结对困难家庭，帮助申请救助、代办事务", "低保、困难家庭", "care", "", 4),
    ("应急救护培训", "组织居民学习心肺复苏、止血包扎", "全体居民", "health", "急救", 2),
    ("节日活动策划", "策划端午、中秋、重阳节社区活动", "全体居民", "culture", "", 3),
    ("社区摄影记录", "为社区活动拍照、整理宣传素材", "社区", "culture", "摄影", 2),
    ("残疾人助行", "陪同残疾居民就医、出行", "残疾居民", "care", "驾驶、陪护", 3),
]
PROJECTS_XINYUAN = [
    ("红色便民百宝屋值守", "每天轮流在百宝屋值守，借还物品、登记需求", "小区居民", "convenience", "", 6),
    ("“独居不孤独”探访", "每周上门或电话探访独居老人", "独居老人", "care", "陪护", 8),
    ("“有爱无碍”助残", "陪同残疾人就医、出行、办事", "残疾居民", "care", "", 4),
    ("小灯塔暑期托管助教", "暑期托管班的作业辅导和活动组织", "双职工家庭子女", "tutoring", "辅导", 5),
    ("上门认证养老金", "为行动不便的老人上门办理养老金认证", "行动不便老人", "convenience", "电脑", 3),
    ("辰光小区车棚整治", "清理废旧自行车、规划停放", "辰光小区居民", "environment", "", 4),
    ("帮代买菜", "为行动不便老人代买菜、代缴费（委托资金记账）", "行动不便老人", "convenience", "", 4),
    ("烟感报警器安装", "为独居老人家中安装烟感报警器", "独居老人", "patrol", "水电维修", 3),
]
REWARDS = [
    ("免费理发一次", 30, "{station}义剪时使用"),
    ("家电小修一次", 50, ""),
    ("米或油一份", 100, "每季度兑换一次"),
    ("社区学院课程一门", 80, ""),
]


def places_of(code: str) -> dict[str, str]:
    return PLACES.get(code, {"station": "党群服务中心", "classroom": "社区活动室"})


def work_for(code: str) -> list[tuple[str, str, str]]:
    """WORK with the community's own rooms in it."""
    places = places_of(code)
    return [(title.format(**places), place.format(**places), kind) for title, place, kind in WORK]


def rewards_for(code: str) -> list[tuple[str, int, str]]:
    places = places_of(code)
    return [(name, points, note.format(**places)) for name, points, note in REWARDS]
