"""The interface strings of the polite version (paste box, `fix -i`, `rewrite`), in one place."""

POLITE_HEADING = "礼貌的说法："
NEEDS_ADAPTING = "（下面替换处含建议说法，请按实际情况调整后再发送。）"
NOTHING_TO_REPLACE = "没有可直接替换的说法，请参考上面的提示修改后再发送。"
POLITE_CHOICE = "p = 整段采用礼貌的说法"
