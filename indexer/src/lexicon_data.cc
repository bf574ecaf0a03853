// Places the compiled lexicon (KIOSQUE_FR_LEXICON, its path as a string literal, defined by the
// build) in read-only data, aligned so that lexicon.cc reads its words in place.
__asm__(
    ".section .rodata\n"
    ".balign 16\n"
    ".global kiosque_fr_lexicon\n"
    "kiosque_fr_lexicon:\n"
    ".incbin \"" KIOSQUE_FR_LEXICON
    "\"\n"
    ".global kiosque_fr_lexicon_end\n"
    "kiosque_fr_lexicon_end:\n"
    ".previous\n");
