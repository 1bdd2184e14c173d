"""Toneless Mandarin syllables as typed on a QWERTY keyboard (ü is typed v)."""

from __future__ import annotations

#: Every syllable the lexicon uses. Interjection-only readings (m, n, ng, hm, hng)
#: are left out: as syllables they would split "zhengm" into "zheng m" and hide
#: what the citizen is still typing; 嗯 is filed under "en", as most keyboards do.
_TABLE = """
    a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can
    cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai
    chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei deng di
    dia dian diao die ding diu dong dou du duan dui dun duo e ei en er fa fan fang fei fen feng fo
    fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai
    han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao
    jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei ken keng kong kou ku kua kuai
    kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia lian liang liao lie lin ling
    liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min
    ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong
    nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou
    pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri
    rong rou ru ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei
    shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo
    ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan
    wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan
    yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai
    zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
    zi zong zou zu zuan zui zun zuo
"""
SYLLABLES: frozenset[str] = frozenset(_TABLE.split())

#: Spellings people type for a syllable, beyond the syllable itself ("lue" for lüe).
ALIASES: dict[str, str] = {"lue": "lve", "nue": "nve"}

#: What a typed spelling stands for: every syllable, plus the aliases.
SPELLINGS: dict[str, str] = {**{s: s for s in SYLLABLES}, **ALIASES}

LONGEST = max(map(len, SPELLINGS))

#: Syllable separators the citizen can type: a space or an apostrophe ("xi'an").
SEPARATORS = frozenset(" '")

_PREFIXES: dict[str, tuple[str, ...]] = {}


def completions(prefix: str) -> tuple[str, ...]:
    """Syllables that start with ``prefix`` (a syllable being typed), shortest first."""
    if prefix not in _PREFIXES:
        found = {syl for spelling, syl in SPELLINGS.items() if spelling.startswith(prefix)}
        _PREFIXES[prefix] = tuple(sorted(found, key=lambda s: (len(s), s)))
    return _PREFIXES[prefix]


# One character in, one character out, so positions in the result are positions in the input.
_NORMALISE = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}, "ü": "v", "Ü": "v"}
)


def normalise(text: str) -> str:
    """ASCII letters in lower case and ü as v; every other character is kept as it is."""
    return text.translate(_NORMALISE)
