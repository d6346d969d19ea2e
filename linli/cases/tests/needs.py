"""Needs as residents and grid workers actually write them, each with the category a community
worker would file it under (the demo's category codes). Written by hand for the measurement in
test_suggest_needs.py: none comes from the demo's generator (cases/demo/texts.py), so the model,
trained on the demo's text, meets them as it meets real residents. Safety needs are marked: the
rule layer must put every one of them in the safety category with 紧急 or 特急."""

# (text, category code, is a safety need)
NEEDS: list[tuple[str, str, bool]] = [
    # 设施维修
    ("我家楼上卫生间往下渗水，天花板都发霉了", "repair", False),
    ("5栋2单元的楼道灯一直闪，晚上上楼看不清", "repair", False),
    ("单元门的门禁刷卡没反应，老人进不了门", "repair", False),
    ("小区北门的路灯坏了一个星期了，晚上黑乎乎的", "repair", False),
    ("地下室水管滴水，地上都是积水", "repair", False),
    ("电梯按钮有几个按了不亮，坐电梯很不方便", "repair", False),
    ("楼顶防水层老化，一下雨顶楼就漏", "repair", False),
    ("楼道的窗户玻璃碎了，风一吹哗哗响", "repair", False),
    # 环境卫生
    ("垃圾分类的桶已经满出来了，一直没人来收", "env", False),
    ("楼下有人乱扔垃圾，苍蝇到处飞", "env", False),
    ("单元门口被贴了好多开锁的小广告", "env", False),
    ("化粪池那边臭得不行，窗户都不敢开", "env", False),
    ("楼梯间有人堆了旧家具和纸箱，好久没清", "env", False),
    ("夏天蚊子太多了，能不能来打一次药", "env", False),
    ("小区里狗屎到处都是，没人清理", "env", False),
    # 绿化养护
    ("楼前的大树枝都伸到三楼阳台了，挡光", "green", False),
    ("草坪的草长得太高了，好久没人修剪", "green", False),
    ("绿化带被人挖了种菜，好好的草皮都没了", "green", False),
    ("台风把小区门口的树刮歪了，需要扶一下", "green", False),
    ("花坛里的灌木都枯死了，希望补种", "green", False),
    # 停车管理
    ("有辆外地车在我的车位上停了三天", "parking", False),
    ("小区门口乱停车，早上送孩子出不去", "parking", False),
    ("地下车库的出口有车乱停，车开不出来", "parking", False),
    ("希望小区多装几个电动车充电桩", "parking", False),
    ("共享单车堆在单元门口，轮椅过不去", "parking", False),
    ("车位太少了，晚上回来根本没地方停", "parking", False),
    # 噪音扰民
    ("楼上装修天天早上七点就开始砸墙", "noise", False),
    ("晚上九点多了广场舞的音响还开得很大声", "noise", False),
    ("楼下烧烤店半夜还在吵，睡不着觉", "noise", False),
    ("隔壁邻居家的狗一叫就是一晚上", "noise", False),
    ("楼上小孩每天晚上跑来跑去蹦跳，声音很大", "noise", False),
    ("工地晚上十一点还在施工，噪音太大", "noise", False),
    # 公共设施
    ("小区里的健身器材有一个断了，小孩玩很危险", "facility", False),
    ("希望在小区里多放几张椅子，老人散步累了能坐", "facility", False),
    ("单元门口台阶太高，坐轮椅的进不去，能不能修个坡道", "facility", False),
    ("儿童滑梯的螺丝松了，一晃一晃的", "facility", False),
    ("小区的宣传栏玻璃掉了", "facility", False),
    # 物业服务
    ("物业费每年都在交，收支从来不公示", "property-service", False),
    ("门口保安经常不在岗，谁都能进来", "property-service", False),
    ("维修基金用到哪里去了，希望公开账目", "property-service", False),
    ("跟物业报修了三次都没人来，服务太差", "property-service", False),
    ("物业合同到期了，业主想换一家物业", "property-service", False),
    # 政策咨询
    ("请问80岁以上的老人高龄补贴怎么申请", "policy", False),
    ("孩子上小学要开居住证明，需要带什么材料", "policy", False),
    ("我是外地来的，想问积分入学怎么办理", "policy", False),
    ("父亲的医保要办异地备案，在哪里办", "policy", False),
    ("残疾证到期了怎么换新的", "policy", False),
    ("想问一下燃气费在哪里交，家里老人不会用手机", "policy", False),
    ("退休了想领养老金，资格认证怎么做", "policy", False),
    # 邻里纠纷
    ("楼上漏水到我家，让他赔偿他不认账", "dispute", False),
    ("对门邻居把鞋柜放在公共走廊，说了也不搬，吵了好几次", "dispute", False),
    ("邻居家空调外机正对着我家卧室窗户，热风直吹", "dispute", False),
    ("楼上的雨棚滴水到我家阳台，跟他说了还骂人", "dispute", False),
    ("邻居在楼道里养鸽子，为这事我们吵起来了", "dispute", False),
    # 治安消防 and the other safety needs: the rule must decide these
    ("电动车在楼道里充电，拉了飞线，有火灾隐患", "safety", True),
    ("3栋电梯困人，里面有个老人，快来人", "safety", True),
    ("六楼有股很重的煤气味，敲门没人应", "safety", True),
    ("车棚那边的电线老化了，下雨的时候打火花", "safety", True),
    ("楼上有人高空抛物，差点砸到小孩", "safety", True),
    ("有人从二楼窗户私拉电线到楼下给电瓶车充电", "safety", True),
    ("12栋楼道里冒烟了，不知道哪家着火了", "safety", True),
    ("路边的配电箱门开着，下雨天好像漏电", "safety", True),
    ("老人被困在家里出不来，门反锁了", "safety", True),
    ("外墙的瓷砖松了，随时会坠落", "safety", True),
    ("有户人家把电瓶车推进电梯带回家充电", "safety", True),
    ("地下室好像有燃气泄漏，味道很大", "safety", True),
    ("小区里有个井盖塌陷了，晚上有人掉下去怎么办", "safety", True),
    ("楼道里的灭火器都过期了，消防栓也没水", "safety", True),
    ("饭店后厨起火了，烟很大", "safety", True),
]
