#!/usr/bin/env python3
"""Generates jinja-reference-cases.json: small templates exercising one Jinja2 feature each, rendered by
Python's Jinja2 in the environment transformers uses (render_reference.py from shared/chat-templates).

Usage: python generate_reference_cases.py PATH/TO/shared/chat-templates

Each entry: {"src", "vars", "ok": output} or {"src", "vars", "error": class name ("Raised" for raise_exception,
"Syntax" for template syntax errors), "message": str(exception)}.
Left out on purpose (the C# engine differs, by design): outputs that print a Python object's memory address
(generators, bound methods), complex numbers from ** on negative floats, and include/import (no loader).
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from render_reference import make_environment, RaisedByTemplate  # noqa: E402
import jinja2  # noqa: E402

C = []


def t(src, **v):
    C.append({"src": src, "vars": v})


def tv(src):
    C.append({"src": src, "vars": V})



V = dict(s="Hello World", n=5, f=2.5, l=[3,1,2], d={"b":1,"a":2}, e="", z=0, no=None, t=True,
         msgs=[{"role":"user","content":"hi"},{"role":"assistant","content":"yo","tool_calls":[{"function":{"name":"f","arguments":{"x":1}}}]}],
         u="ünï 😀 test", ws="  \t padded \n ", nested={"a":{"b":[1,{"c":"deep"}]}})

# whitespace control
for src in ["a\n{% if true %}\nb\n{% endif %}\nc", "a\n  {% if true %}\n  b\n  {% endif %}\nc", "a {%- if true -%} b {%- endif -%} c",
            "x\n  {{ 1 }}\n  y", "  {%+ if true %}z{% endif %}", "{% if true +%}\nq{% endif %}", "a\n{# comment #}\nb", "a\n  {#- c -#}  \nb",
            "{% raw %}{{ x }}{% endraw %}", "  {% raw -%}  \n {{y}} \n  {%- endraw %}\nafter", "line1\r\nline2\r\n", "trail\n", "trail\n\n",
            "{{- '  a  ' -}}", "x  {{- 1 -}}  y", "{%- for i in range(3) %}\n  {{ i }}\n{%- endfor %}", "{% for i in [1,2] %}\n{{ i }}\n{% endfor %}\n",
            "  {% set x = 1 %}\n  {{ x }}", "\t{% if 1 %}tab{% endif %}", "a {% if 1 %}\n{% endif %}b", "{{ 'a' }}\n{% if 1 %}x{% endif %}",
            "{% macro m() -%}\n  inner\n{%- endmacro %}[{{ m() }}]", "{%- set x -%}\n  block  \n{%- endset -%}[{{ x }}]"]:
    t(src)
# literals & printing
for src in ["{{ 1 }}{{ 1.0 }}{{ -0.0 }}{{ 1e3 }}{{ 1_000 }}{{ 0x1F }}{{ 0o17 }}{{ 0b101 }}{{ 1.5e-7 }}{{ 123456789.123456789 }}",
            "{{ true }}{{ True }}{{ none }}{{ None }}{{ false }}", "{{ 'a\\nb' }}|{{ \"q\\\"\" }}|{{ 'x\\x41\\u00e9\\U0001F600' }}|{{ '\\d' }}",
            "{{ [1, 'a', none, true, 2.0, [], {}] }}", "{{ {'a': 1, 1: 'b', none: 2, (1,2): 3} }}", "{{ (1,) }}{{ () }}{{ (1,2) }}",
            "{{ \"it's\" }}|{{ ['it\\'s', \"x\\\"y\", 'both\\'\"'] }}", "{{ ['\\t\\n\\r\\x00\\x7f\\u200b\\xa0\\u2028'] }}", "{{ ['é', '😀', '\\ud800'] }}",
            "{{ 0.1 + 0.2 }} {{ 1/3 }} {{ 2**53 + 1 }} {{ 1e22 }} {{ 1e16 }} {{ 1e15 }} {{ 0.0001 }} {{ 0.00001 }} {{ 1e-320 }}",
            "{{ 10**30 }} {{ -(2**63) }} {{ 2**63 }} {{ (2**64) // 3 }} {{ -7 // 2 }} {{ 7 % -3 }} {{ -7.5 // 2 }} {{ 7.5 % -2 }} {{ 1 // 0.1 }} {{ 1 % 0.1 }}",
            "{{ 'a' 'b' }}", "{{ 1, 2 }}", "{% print 1, 2 %}", "{{ 'x' ~ 1 ~ none ~ true ~ [1] }}"]:
    t(src)
# operators
for src in ["{{ 1 + 2 * 3 - 4 / 2 }}", "{{ 2 ** 3 ** 2 }}", "{{ -2 ** 2 }}", "{{ not 1 == 2 }}", "{{ 1 < 2 < 3 }}{{ 3 > 2 > 2 }}",
            "{{ 'a' in 'cat' }}{{ 1 in [1,2] }}{{ 'k' in {'k':1} }}{{ 3 not in [1] }}", "{{ 1 if true else 2 }}{{ 1 if false }}|{{ (1 if false) is defined }}",
            "{{ 0 or 'x' }}{{ 1 and 'y' }}{{ '' and 'z' }}{{ none or none }}", "{{ [1] + [2] }}{{ (1,) + (2,) }}{{ 'a' * 3 }}{{ 3 * 'b' }}{{ [0] * 3 }}{{ 'x' * -1 }}",
            "{{ true + true }}{{ true * 3 }}{{ 5 / 2 }}{{ 4 / 2 }}{{ 2 ** -1 }}{{ 2.0 ** 3 }}", "{{ 'a' < 'b' }}{{ [1,2] < [1,3] }}{{ (1,2) == (1,2) }}{{ [1] == (1,) }}",
            "{{ 1 == 1.0 }}{{ 1 == true }}{{ 'a' == 'a' }}{{ none == none }}{{ {} == {} }}{{ {'a':1} == {'a':1.0} }}",
            "{{ 'abc'[1] }}{{ 'abc'[-1] }}{{ 'abc'[::-1] }}{{ 'abcdef'[1:4:2] }}{{ [1,2,3][1:] }}{{ [1,2,3][:-1] }}{{ [1,2,3][::2] }}{{ [1,2,3][5:] }}",
            "{{ '😀ab'[0] }}|{{ '😀ab'[1:] }}|{{ '😀ab'|length }}|{{ 'a😀b'[::-1] }}", "{{ 'a' + 1 }}", "{{ 1 + 'a' }}", "{{ [1] + 'a' }}", "{{ none + 1 }}",
            "{{ 1 / 0 }}", "{{ 1 // 0 }}", "{{ 1 % 0 }}", "{{ 1.0 / 0 }}", "{{ 'a' < 1 }}", "{{ none < 1 }}", "{{ [1] < (1,) }}", "{{ -'a' }}", "{{ 'a' - 'b' }}",
            "{{ 'a' * 1.5 }}", "{{ 1 in 'abc' }}", "{{ 1 in none }}", "{{ 1 in 5 }}", "{{ [1] in {'a':1} }}", "{{ 'a' in u }}", "{{ 10 ** 400 > 0 }}", "{{ (-8) ** 0.5 }}"]:
    t(src)
# undefined semantics
for src in ["{{ u }}", "{{ u.x }}", "{{ u['x'] }}", "{{ u() }}", "{{ u + 1 }}", "{{ 1 + u }}", "{{ u ~ 'a' }}", "{{ u is defined }}{{ u is undefined }}",
            "{% for x in u %}{{ x }}{% else %}empty{% endfor %}", "{{ u|length }}", "{{ u == u }}{{ u != 1 }}{{ not u }}", "{{ u or 'd' }}", "{{ [u] }}", "{{ {'a': u} }}",
            "{{ none.x }}|{{ none['x'] }}|{{ 5.x }}|{{ 'abc'.x }}", "{{ none.x.y }}", "{{ {}.x }}|{{ {}['x'] }}", "{{ {}.x.y }}", "{{ [1][5] }}", "{{ [1][5].x }}",
            "{{ x is defined and x.y }}", "{% if u.x %}y{% endif %}", "{{ u|default('dd') }}{{ none|default('dd') }}{{ ''|default('dd', true) }}{{ 0|d('z', boolean=true) }}",
            "{{ (u|string) ~ '|' }}", "{{ u < 1 }}", "{{ -u }}", "{{ u[1:] }}", "{{ 'x' in u }}", "{{ u in [1] }}"]:
    t(src)
# statements: for/loop
for src in ["{% for x in [1,2,3] %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}|{% endfor %}",
            "{% for x in [1,2,3] %}{{ loop.previtem }}-{{ loop.nextitem }}|{% endfor %}", "{% for x in 'abc' %}{{ loop.cycle('o','e') }}{% endfor %}",
            "{% for x in [1,1,2] %}{{ loop.changed(x) }}{% endfor %}", "{% for a, b in [[1,2],[3,4]] %}{{ a }}{{ b }}{% endfor %}",
            "{% for k, v in {'x':1,'y':2}.items() %}{{ k }}={{ v }};{% endfor %}", "{% for k in {'x':1,'y':2} %}{{ k }}{% endfor %}",
            "{% for x in range(10) if x % 3 == 0 %}{{ x }}:{{ loop.index }}/{{ loop.length }}{{ loop.last }},{% endfor %}",
            "{% for x in [1,2,3,4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}",
            "{% for x in [] %}a{% else %}b{% endfor %}", "{% for x in [1] if false %}a{% else %}b{% endfor %}",
            "{% for a in [1,2] %}{% for b in [3,4] %}{{ loop.index }}{{ a }}{{ b }} {% endfor %}{% endfor %}",
            "{% for i in [[1,[2]],[3]] recursive %}[{% if i is iterable %}{{ loop(i) }}{% else %}{{ i }}:{{ loop.depth }}{% endif %}]{% endfor %}",
            "{% for x in none %}{% endfor %}", "{% for x in 5 %}{% endfor %}", "{% for a, b in [[1]] %}{% endfor %}", "{% for a, b in [[1,2,3]] %}{% endfor %}",
            "{% for x in [1,2] %}{% set y = x %}{% endfor %}{{ y }}|{{ x }}", "{% set y = 0 %}{% for x in [1,2] %}{{ y }}{% set y = x %}{{ y }}{% endfor %}{{ y }}",
            "{% for x in range(3) %}{{ loop }}{% endfor %}", "{{ range(5) }}{{ range(1,10,3)|list }}{{ range(5)[1:3] }}{{ range(3)|length }}",
            "{{ range(100001) }}", "{{ range(0, 10, 0) }}", "{% for x in 'ab'|reverse %}{{ x }}{% endfor %}", "{% for x in [3,1]|sort %}{{ x }}{% endfor %}",
            "{% for x in [1,2,3]|select('odd') %}{{ x }}{{ loop.length }}{{ loop.last }}{% endfor %}"]:
    t(src)
# set / namespace / with / macros / call / filter blocks
for src in ["{% set a, b = 1, 2 %}{{ a }}{{ b }}", "{% set x = [1,2] %}{% set x = x + [3] %}{{ x }}", "{% set ns = namespace(a=1, b=[]) %}{% set ns.a = ns.a + 1 %}{{ ns.a }}{{ ns }}",
            "{% set ns = namespace() %}{{ ns.missing }}|{{ ns.missing is defined }}", "{% set x = 1 %}{% set x.y = 2 %}", "{% set ns = namespace({'k': 3}) %}{{ ns.k }}{{ ns['k'] }}",
            "{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}{{ a }}", "{% set s %}X{{ 1 }}Y{% endset %}{{ s }}|{{ s|length }}", "{% set s | upper %}abc{% endset %}{{ s }}",
            "{% filter upper %}abc{{ 'd' }}{% endfilter %}", "{% filter trim|upper %}  ab  {% endfilter %}",
            "{% macro m(a, b=2, c=a) %}{{ a }}{{ b }}{{ c }}{% endmacro %}{{ m(1) }}|{{ m(1, 3) }}|{{ m(1, c=9) }}|{{ m() }}|{{ m(b=5) }}",
            "{% macro m() %}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, x=3) }}", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}", "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(x=1) }}",
            "{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}inside{% endcall %}", "{% macro m() %}{{ caller(5) }}{% endmacro %}{% call(x) m() %}got {{ x }}{% endcall %}",
            "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}", "{% macro m() %}x{% endmacro %}{{ m.name }}|{{ m }}|{{ m.arguments }}",
            "{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(5) }}", "{% macro m() %}{% set inner = 1 %}{% endmacro %}{{ m() }}{{ inner }}",
            "{% set g = 'G' %}{% macro m() %}{{ g }}{% endmacro %}{{ m() }}", "{% macro m() %}{{ late }}{% endmacro %}{% set late = 'L' %}{{ m() }}",
            "{% if true %}{% set q = 1 %}{% endif %}{{ q }}", "{% block b %}in block{% endblock %}", "{% generation %}gen {{ 1 }}{% endgeneration %}",
            "{% set x = {'a': 1} %}{{ x.a }}{{ x['a'] }}{{ x.get('a') }}{{ x.get('zz', 'def') }}{{ x.items() }}{{ x.keys() }}{{ x.values() }}",
            "{{ {'items': 1}.items }}", "{{ {'items': 1}['items'] }}", "{{ {'count': 4}.count }}", "{{ [1,2].count(1) }}{{ [1,2].index(2) }}", "{{ [1].append(2) }}", "{{ {}.update({}) }}",
            "{{ [1].pop }}|", "{{ {'a':1}.pop('a') }}", "{% set d = {'a':1} %}{{ d.copy() }}{{ dict(a=1, b=2) }}{{ dict({'x':1}, y=2) }}{{ dict([('k', 'v')]) }}",
            "{{ cycler(1,2).next() }}{% set c = cycler('a','b') %}{{ c.next() }}{{ c.next() }}{{ c.next() }}{{ c.current }}", "{% set j = joiner('-') %}{{ j() }}a{{ j() }}b{{ j() }}c",
            "{{ raise_exception('boom') }}", "{{ strftime_now('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %e %-d %U %W') }}", "{{ x.__class__ }}|{{ ''.__class__ }}",
            "{% for x in [1] %}{{ loop.cycle() }}{% endfor %}", "{% set n = namespace(v=[]) %}{% set n.v = n.v + [1] %}{{ n.v }}"]:
    t(src)
# filters
for src in ["{{ '  ab  '|trim }}|{{ 'xxabxx'|trim('x') }}|{{ ws|trim }}|{{ '\u3000a\u200b'|trim }}", "{{ [1,2]|length }}{{ 'abc'|count }}{{ {'a':1}|length }}",
            "{{ [1,2,3]|first }}{{ [1,2,3]|last }}{{ 'abc'|first }}{{ []|first }}|{{ {'k':1}|first }}{{ {'k':1,'j':2}|last }}", "{{ [1,2]|join }}|{{ [1,2]|join(', ') }}|{{ [{'a':1},{'a':2}]|join('-', attribute='a') }}",
            "{{ [1,2]|map('string')|list }}{{ [{'a':1},{}]|map(attribute='a')|list }}{{ [{'a':1},{}]|map(attribute='a', default=0)|list }}{{ ['a','b']|map('upper')|join }}",
            "{{ [1,2,3,4]|select('odd')|list }}{{ [1,2,3,4]|reject('odd')|list }}{{ [0,1,'',none,'x']|select|list }}{{ [1,5,3]|select('>', 2)|list }}{{ [1,2]|select('in', [2])|list }}",
            "{{ msgs|selectattr('role', 'equalto', 'user')|list }}{{ msgs|rejectattr('tool_calls')|map(attribute='content')|list }}{{ msgs|selectattr('tool_calls', 'defined')|list|length }}",
            "{{ [1,2,1,'A','a']|unique|list }}{{ ['A','a']|unique(case_sensitive=true)|list }}{{ [{'x':1},{'x':1}]|unique(attribute='x')|list }}",
            "{{ [3,1,2]|sort }}{{ [3,1,2]|sort(reverse=true) }}{{ ['b','A','a']|sort }}{{ ['b','A','a']|sort(case_sensitive=true) }}{{ [{'k':2},{'k':1}]|sort(attribute='k') }}",
            "{{ {'b':1,'a':2}|dictsort }}{{ {'b':1,'a':2}|dictsort(by='value') }}{{ {'b':1,'a':2}|dictsort(reverse=true) }}", "{{ d|items|list }}{{ none|items }}", "{{ [1]|items }}",
            "{{ 'hello world'|title }}{{ 'hELLO wORLD-x(y'|title }}{{ \"they're\".title() }}{{ 'ß'.upper() }}{{ 'İ'.lower() }}|{{ 'hello'|capitalize }}{{ 'HELLO'|lower }}{{ 'x'|upper }}",
            "{{ 'a-b'|replace('-', '+') }}{{ 'aaa'|replace('a', 'b', 2) }}{{ 'ab'|replace('', '-') }}{{ 5|replace('5','6') }}", "{{ '42'|int }}{{ '42.7'|int }}{{ 'x'|int }}{{ 'x'|int(7) }}{{ '0x1A'|int(0, 16) }}{{ ' 1_000 '|int }}{{ 3.9|int }}{{ true|int }}{{ none|int }}",
            "{{ '1.5'|float }}{{ 'x'|float }}{{ 2|float }}{{ 'inf'|float }}{{ '1e3'|float }}", "{{ -5|abs }}{{ (-2.5)|abs }}{{ 2.675|round(2) }}{{ 2.5|round }}{{ 3.5|round }}{{ 2.5|round(0, 'floor') }}{{ 2.1|round(method='ceil') }}{{ 5|round }}{{ 1234|round(-2) }}{{ 1250|round(-2) }}",
            "{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb'|indent(2, true) }}|{{ 'a\n\nb'|indent(2, blank=true) }}|{{ 'x\ny'|indent('>') }}", "{{ 'a b  c'|wordcount }}{{ 'héllo wörld'|wordcount }}",
            "{{ 'abc'|center(9) }}|{{ 'abcd'|center(9) }}|{{ 'a'|center(4) }}", "{{ [1,2,3,4,5]|batch(2)|list }}{{ [1,2,3]|batch(2, 0)|list }}{{ [1,2,3,4,5]|slice(2)|list }}",
            "{{ [1,2,3]|sum }}{{ [{'v':1},{'v':2}]|sum(attribute='v') }}{{ [1.5,2]|sum(start=1) }}", "{{ [3,1,2]|min }}{{ [3,1,2]|max }}{{ ['b','A']|min }}{{ []|max }}|{{ [{'a':2},{'a':1}]|min(attribute='a') }}",
            "{{ [1,2,3]|reverse|list }}{{ 'abc'|reverse }}{{ (1,2)|reverse|list }}", "{{ 'ab'|list }}{{ {'a':1}|list }}{{ (1,2)|list }}", "{{ 5|string }}{{ none|string }}{{ [1]|string }}",
            "{{ '<b>&\"\\''|e }}{{ '<b>'|escape }}{{ '<b>'|safe }}{{ ('<a>'|safe) + '<b>' }}{{ '<x>' + ('<a>'|safe) }}{{ ('<a>'|safe) ~ '<b>' }}{{ ('%s'|safe) % '<i>' }}",
            "{{ '%s-%d'|format('a', 3) }}{{ '%(x)s'|format(x=1) }}{{ '%05.1f|%-4s|%+d|%x|%o|%e|%g|%r|%c|%%'|format(3.14159, 'ab', 5, 255, 8, 12345.678, 0.00001234, 'q', 65) }}",
            "{{ '{} {}'.format(1, 'a') }}{{ '{0}{0}'.format('x') }}{{ '{a}-{b!r}'.format(a=1, b='s') }}{{ '{:>5}|{:<5}|{:^5}|{:*^7}'.format(1, 2, 3, 'x') }}{{ '{:.2f} {:,} {:08.3f} {:e} {:%}'.format(3.14159, 1234567, -3.14159, 1234.5, 0.25) }}",
            "{{ '{0[a]} {0.a}'.format({'a': 5}) }}{{ '{:x} {:#b} {:o} {:X}'.format(255, 5, 8, 255) }}{{ '{}'.format(none) }}{{ '{:5}'.format('ab') }}{{ '{:.3}'.format(1.0) }}{{ '{:.3}'.format(1234.5) }}",
            "{{ 'abc'|truncate(2) }}", "{{ 'hello world foo bar'|truncate(12) }}{{ 'hello world foo bar'|truncate(12, true) }}{{ 'short'|truncate(10) }}{{ 'hello world foo bar'|truncate(11, end='!') }}",
            "{{ '<p>Hello <b>World</b></p>  &amp; x'|striptags }}", "{{ 'a b/c'|urlencode }}{{ {'a': 'x y', 'b': 1}|urlencode }}", "{{ {'class': 'x', 'id': none, 'data': '<q>'}|xmlattr }}",
            "{{ 1000|filesizeformat }}{{ 1024|filesizeformat(true) }}{{ 1|filesizeformat }}{{ 1500000|filesizeformat }}", "{{ {'x': 1}|attr('x') }}|{{ 'a'|attr('upper') }}",
            "{{ [{'g':'a','v':1},{'g':'b','v':2},{'g':'a','v':3}]|groupby('g') }}{% for g, items in [{'g':'a'},{'g':'A'}]|groupby('g') %}{{ g }}{{ items|length }}{% endfor %}{% for grp in [{'g':1}]|groupby('g') %}{{ grp.grouper }}{{ grp.list }}{% endfor %}",
            "{{ [1,2]|map('nofilter')|list }}", "{{ [1]|select('notest')|list }}", "{{ [1,2]|map }}", "{{ none|join }}", "{{ none|length }}", "{{ 5|length }}", "{{ 5|first }}", "{{ [1]|batch(0)|list }}",
            "{{ 'abc'|indent(first=true) }}", "{{ 5|indent }}", "{{ [1, 'a']|sort }}", "{{ [[1,2],[1]]|sort }}", "{{ 5|trim }}", "{{ none|trim }}{{ true|upper }}{{ 1.5|capitalize }}",
            "{{ [1,2]|map('x') }}", "{{ (x|default([]))|length }}", "{{ [1]|map('string') }}", "{{ [1]|select('odd') is iterable }}{{ [1]|select is sequence }}{{ ([]|select) is true }}{{ [1]|map('string')|length }}",
            "{% if []|select %}truthy{% endif %}", "{{ ['x']|reverse }}", "{{ (['x']|reverse)|length }}", "{{ {'a':1}|reverse|list }}", "{{ d|tojson }}{{ l|tojson }}"]:
    t(src)
# tojson
for src in ["{{ {'a': [1, 2.0, 'é\u2028\\n\"\\\\', none, true, false]}|tojson }}", "{{ {'a': 1, 'b': [1, {'c': []}], 'd': {}}|tojson(indent=2) }}", "{{ [1,[2]]|tojson(indent=0) }}",
            "{{ {'a':1,'b':2}|tojson(separators=(',', ':')) }}", "{{ {'b':1,'a':2}|tojson(sort_keys=true) }}", "{{ 'é😀'|tojson(ensure_ascii=true) }}", "{{ {1: 'x', none: 'y', true: 'z', 1.5: 'w'}|tojson }}",
            "{{ (1,2)|tojson }}", "{{ 1e20|tojson }}{{ (1/3)|tojson }}", "{{ ('x'|safe)|tojson }}", "{{ {(1,2): 1}|tojson }}", "{{ namespace()|tojson }}", "{{ {'a':1}|tojson(indent='\\t') }}",
            "{{ [1]|tojson(2) }}", "{{ {'b':1,1:2}|tojson(sort_keys=true) }}", "{{ nested|tojson }}{{ u|tojson }}", "{{ d.keys()|tojson }}", "{{ (l|map('string'))|tojson }}"]:
    t(src)
# str methods
for src in ["{{ ' a b  c '.split() }}{{ 'a,b,,c'.split(',') }}{{ 'a b c'.split(none, 1) }}{{ 'a b c'.rsplit(none, 1) }}{{ 'a,b,c'.rsplit(',', 1) }}{{ ''.split() }}{{ ''.split(',') }}{{ '  a  '.split(' ') }}",
            "{{ 'a\\nb\\r\\nc\\rd'.splitlines() }}{{ 'a\\nb\\n'.splitlines(true) }}", "{{ 'abc'.startswith('a') }}{{ 'abc'.startswith(('x','ab')) }}{{ 'abc'.endswith('bc') }}{{ 'abc'.startswith('b', 1) }}{{ 'abc'.endswith('b', 0, 2) }}",
            "{{ 'hello'.find('l') }}{{ 'hello'.rfind('l') }}{{ 'hello'.find('z') }}{{ 'hello'.index('e') }}{{ 'hello'.count('l') }}{{ 'aaa'.count('') }}{{ '😀x'.find('x') }}", "{{ 'x'.index('z') }}",
            "{{ '-'.join(['a','b']) }}{{ ''.join('abc') }}", "{{ '-'.join([1]) }}", "{{ 'ab'.center(6, '*') }}{{ 'ab'.ljust(5, '.') }}{{ 'ab'.rjust(5) }}{{ '-5'.zfill(5) }}{{ '5'.zfill(3) }}",
            "{{ 'a=b=c'.partition('=') }}{{ 'a=b=c'.rpartition('=') }}{{ 'abc'.partition('x') }}", "{{ 'prefix_x'.removeprefix('prefix_') }}{{ 'x.txt'.removesuffix('.txt') }}",
            "{{ 'Hello'.swapcase() }}{{ 'ABC'.isupper() }}{{ 'abc'.islower() }}{{ 'Abc Def'.istitle() }}{{ '123'.isdigit() }}{{ 'abc'.isalpha() }}{{ 'a1'.isalnum() }}{{ '  '.isspace() }}{{ ''.isspace() }}{{ 'x_1'.isidentifier() }}",
            "{{ 'a\\tb'.expandtabs(4) }}|{{ 'abc'.upper().lower() }}{{ 'ǆ'.title() }}{{ 'ﬁx'.upper() }}", "{{ 'xyx'.strip('x') }}{{ 'xyx'.lstrip('x') }}{{ 'xyx'.rstrip('x') }}{{ ' \\t x \\n'.strip() }}",
            "{{ 'a'.strip(1) }}", "{{ 'abc'.split('') }}", "{{ s.upper }}", "{{ s.nonexistent() }}", "{{ 'aXbXc'.split('X', -1) }}{{ 'aXbXc'.replace('X', '') }}{{ 'x'.format_map({}) }}",
            "{{ '{x}'.format_map({'x': 1}) }}", "{{ '{} {0}'.format(1) }}", "{{ '{'.format(1) }}", "{{ '{:d}'.format('a') }}", "{{ '%d' % 'a' }}", "{{ '%s %s' % ('a',) }}", "{{ '%s' % ('a', 'b') }}", "{{ '%s' % [1, 2] }}{{ '%s' % {'a': 1} }}{{ '%.2f%%' % 12.345 }}{{ '%5.1f|' % 2.25 }}{{ '%.0f %.0f' % (0.5, 1.5) }}{{ '%.2f' % 0.125 }}{{ '%.1f' % 0.25 }}",
            "{{ 1.5.is_integer() }}{{ 2.0.is_integer() }}{{ (5).bit_length() }}{{ 5.real }}", "{{ 'tool_call' in msgs[1] }}{{ 'tool_calls' in msgs[1] }}{{ msgs[1].tool_calls[0].function.arguments|tojson }}"]:
    t(src)
# tests
for src in ["{{ 1 is odd }}{{ 2 is even }}{{ 9 is divisibleby 3 }}{{ 9 is divisibleby(4) }}{{ none is none }}{{ 1 is number }}{{ true is number }}{{ true is integer }}{{ 1.0 is float }}{{ 1 is integer }}",
            "{{ 'a' is string }}{{ {} is mapping }}{{ [] is sequence }}{{ {} is sequence }}{{ 'a' is sequence }}{{ 1 is sequence }}{{ 'a' is iterable }}{{ 1 is iterable }}{{ none is iterable }}",
            "{{ true is boolean }}{{ 1 is boolean }}{{ true is true }}{{ 1 is true }}{{ false is false }}{{ 'a' is lower }}{{ 'A' is upper }}{{ 1 is eq 1 }}{{ 1 is ne 2 }}{{ 1 is equalto 1.0 }}{{ 2 is gt 1 }}{{ 2 is ge 2 }}{{ 1 is lt 2 }}{{ 1 is le 0 }}",
            "{{ 1 is in [1] }}{{ 'upper' is filter }}{{ 'odd' is test }}{{ 'zz' is filter }}{{ none is sameas none }}{{ range is callable }}{{ 'a' is callable }}{{ ('a'|safe) is escaped }}{{ 'a' is escaped }}",
            "{{ 'a' is odd }}", "{{ u is odd }}", "{{ x is not defined }}{{ x is not none }}{{ not x is defined }}", "{{ 1 is defined and 2 }}", "{{ 2 is divisibleby 0 }}", "{{ 'x' if u is defined else 'y' }}"]:
    t(src)
# template variables from V
for src in ["{{ s }}{{ n }}{{ f }}{{ l }}{{ d }}{{ e }}{{ z }}{{ no }}{{ t }}{{ u }}", "{{ msgs }}", "{{ nested.a.b[1].c }}{{ nested['a']['b'][0] }}", "{{ d.b }}{{ d['a'] }}{{ l[0] }}{{ l|sort }}{{ d|dictsort }}",
            "{% for m in msgs %}{{ m.role }}:{{ m.content }}{% if m.tool_calls is defined %}{% for tc in m.tool_calls %}{{ tc.function.name }}({{ tc.function.arguments|tojson }}){% endfor %}{% endif %};{% endfor %}",
            "{{ u|length }}{{ u[7] }}{{ u|upper }}{{ u.split() }}{{ u|tojson }}{{ u|list }}", "{{ ws.strip() }}|{{ ws.split() }}|{{ ws|indent(2) }}"]:
    tv(src)
# syntax errors
for src in ["{{ 1 + }}", "{% if x %}", "{% for x in y %}{% endif %}", "{{ x |}}", "{% endfor %}", "{% foo %}", "{{ 'abc }}", "{{ (1 }}", "{{ 1 ] }}", "{% set 1 = 2 %}", "{# unclosed", "{% raw %}x",
            "{{ x|nofilter }}", "{{ x is notest }}", "{% if x %}{{ x|nofilter }}{% endif %}", "{% macro m(a=1, b) %}{% endmacro %}", "{% break %}", "{% for x in y %}{% macro m() %}{% break %}{% endmacro %}{% endfor %}",
            "{{ 'a' !~ 'b' }}", "{{ x.1a }}", "{% call m %}{% endcall %}", "{{ }}", "{% set x %}", "{% include 'x' %}", "{{ f(a=1, 2) }}", "{{ '\\x4' }}", "{% if x %}{% else %}{% else %}{% endif %}"]:
    t(src)

M = [{"role":"system","content":"sys"},{"role":"user","content":"  hi there  "},{"role":"assistant","content":"<think>\nreason\n</think>\n\nanswer","reasoning_content":"r"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"image"}]},{"role":"tool","content":"{\"k\": 1}","tool_call_id":"c1"}]
for src in ["{{ '}}' }}{{ \"{{\" }}{% set x = '{%' %}{{ x }}{{ '%}' }}", "{{ '{#' }}x{{ '#}' }}", "a{#-  -#}b", "a {#+ c +#} b", "{{- 'x' -}}\n\n  {{- 'y' }}", "{%- if true -%}\n\n  x  \n\n{%- endif -%}",
            "{% for i in range(2) -%}\n    {{ i }}\n{%- endfor %}", "{% for i in range(2) %}\n    {{ i }}\n{% endfor %}", "   {% for i in range(2) %}   x{% endfor %}", "a\n    {%- set x = 1 %}\nb", "{% if true %}   \n  y{% endif %}",
            "{{ 'a' }}  {% if true %}b{% endif %}", "\n  {% if true %}\nx\n  {% endif %}\n", "{% raw %}\n  {{ a }}\n{% endraw %}", "x{% raw -%}   a   {%- endraw %}y", "{%raw%}{%endraw%}", "{% raw %}{% if %}{% endraw %}",
            "{{ 1 -}}\n  {{ 2 }}", "{{1}}{{-2}}", "{{ 3-1 }}{{ 3 -1 }}{{3 - 1}}", "{%- set y = 5 -%}{{y}}", "{{ x }}", "\n\n\n", "{{ '\n' }}", "a\r\nb", "{% if true %}\r\nwin\r\n{% endif %}\r\n"]:
    t(src)
for src in ["{% for m in messages %}{{ m.role }}{% if not loop.first %},{% endif %}{{ loop.previtem.role if loop.previtem is defined }}{% endfor %}",
            "{% for m in messages if m.role != 'system' %}{{ loop.index }}{{ m.role }}{{ loop.last }}{% endfor %}", "{{ messages[0]['role'] }}{{ messages[1:]|length }}{{ messages[-1].tool_call_id }}",
            "{% set ns = namespace(last=-1) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.last = loop.index0 %}{% endif %}{% endfor %}{{ ns.last }}",
            "{% for m in messages[::-1] %}{{ m.role[0] }}{% endfor %}", "{% for m in messages %}{% if m.content is string %}{{ m.content|trim }}{% else %}{% for p in m.content %}{{ p.type }}{{ p.text|default('') }}{% endfor %}{% endif %}|{% endfor %}",
            "{% set c = messages[2].content %}{{ c.split('</think>')[-1].lstrip('\\n') }}|{{ c.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}",
            "{{ messages[2].reasoning_content is defined }}{{ messages[0].reasoning_content is defined }}{{ 'reasoning_content' in messages[2] }}{{ messages[2].get('reasoning_content') }}",
            "{{ messages[4].content|tojson }}{{ messages|map(attribute='role')|join(',') }}{{ messages|selectattr('role','eq','user')|list|length }}", "{{ messages[3].content }}", "{{ messages[3].content|string }}",
            "{{ messages[1].content + messages[3].content }}", "{{ messages|tojson }}", "{{ messages[2]|dictsort }}", "{% for k, v in messages[4]|items %}{{ k }}{% endfor %}",
            "{{ (messages|last).role }}{{ messages|first|attr('role') }}", "{{ messages[0].content ~ messages[0].nope ~ '!' }}", "{% if messages[0].role == 'system' %}{% set s = messages[0].content %}{% set rest = messages[1:] %}{% else %}{% set s = '' %}{% endif %}{{ s }}{{ rest|length }}"]:
    t(src, messages=M)
for src in ["{{ 'a' if true else 'b' if true else 'c' }}", "{{ 1 if 0 else 2 if 0 else 3 }}", "{{ [1,2,3] | sum / 2 }}", "{{ 2 * -1 }}{{ - 1 + 2 }}{{ not not 1 }}{{ (not 1) == false }}", "{{ 'x' ~ 2 + 3 }}", "{{ 1 + 2 ~ 3 }}", "{{ 'ab' * 2 ~ 'c' }}",
            "{{ [1,2][0] + 1 }}{{ 'abc'.upper()[0] }}{{ {'a': [1]}['a'][0] }}", "{{ x.y if x is defined else 'nx' }}", "{{ -5 // 2 }}{{ -5 % 2 }}{{ 5 // -2 }}{{ -5.5 % 2 }}{{ 2 ** 0.5 }}{{ 10 / 4 }}{{ 7 // 2.0 }}",
            "{{ 1 < 2 == true }}", "{{ 'a' == 'a' != 'b' }}", "{{ 1 is number and 2 is number }}", "{{ none is not none or 'x' }}", "{{ [1,2,3] is sequence and [] is not mapping }}",
            "{{ (1, 2)[1] }}{{ ((1, 2), 3)[0][1] }}", "{{ {'a':{'b':{'c':1}}}.a.b.c }}", "{{ [0,1,2,3,4][1:-1:2] }}{{ 'hello'[10:] }}{{ 'hello'[-10:2] }}{{ [1,2,3][::-2] }}", "{{ 'x'[0:0] ~ '|' }}",
            "{{ 1e400 }}{{ -1e400 }}{{ 1e400 - 1e400 }}", "{{ (0.1).__add__ }}", "{{ 3.0 == 3 }}{{ {3: 'a'}[3.0] }}{{ {true: 'a'}[1] }}", "{{ 12345678901234567890 }}{{ 12345678901234567890 * 10 }}{{ -12345678901234567890 // 7 }}",
            "{{ 1.0e0 }}{{ 1.5e+3 }}{{ 100.0 }}{{ 1e-4 }}{{ 123456789012345678 }}{{ 0.1 * 3 }}{{ 2.5e-5 * 4 }}{{ 9.999999999999999e22 }}", "{{ 3 % 2.5 }}{{ 2 ** 62 * 4 }}{{ (2 ** 64) % 7 }}{{ 7 ** 40 }}",
            "{{ '%s' % none }}{{ '%s %s' % (1, [2]) }}{{ '%d%%' % 50 }}{{ '%5s|%-5s|%05d' % ('a', 'b', 42) }}{{ '%(a)s-%(b)d' % {'a': 'x', 'b': 3} }}{{ '%x' % 255 }}{{ '%.3e' % 12345.6789 }}{{ '%10.4f|' % 3.14159265 }}{{ '%g %g %g' % (100000, 1000000, 1e-5) }}",
            "{{ '%s' % true }}{{ '%d' % true }}{{ '%i' % 3.7 }}{{ '%r' % 'x' }}{{ '%s' % 'é😀' }}{{ '%.1s' % 'abc' }}", "{{ '%d' % none }}", "{{ '%s %s' % 1 }}", "{{ '%z' % 1 }}"]:
    t(src)
# Snippets in the style of real chat templates (Llama 3.x, Mistral, Qwen, Hermes, DeepSeek, Phi).
M3 = [{"role":"system","content":"You are helpful."},{"role":"user","content":[{"type":"image"},{"type":"text","text":"What is this?"}]},{"role":"assistant","content":"A cat.","tool_calls":[{"type":"function","function":{"name":"look","arguments":{"q":"cat","n":2}}}]},{"role":"tool","content":{"result":[1,2]}},{"role":"user","content":"Thanks"}]
T3 = [{"type":"function","function":{"name":"look","description":"Look up","parameters":{"type":"object","properties":{"q":{"type":"string","enum":["a","b"]},"n":{"type":"integer"}},"required":["q"]}}}]
for src in [
 "{%- for message in messages %}{%- if message['content'] is string %}{{ message['content'] }}{%- else %}{%- for content in message['content'] | selectattr('type', 'equalto', 'text') %}{{ content['text'] }}{%- endfor %}{%- endif %}|{% endfor %}",
 "{%- if messages[0]['role'] == 'system' %}{%- set system_message = messages[0]['content'] %}{%- set loop_messages = messages[1:] %}{%- else %}{%- set loop_messages = messages %}{%- endif %}{{ system_message }}{{ loop_messages|length }}",
 "{%- for message in messages %}{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}x{% endif %}{% endfor %}",
 "{{- '[AVAILABLE_TOOLS] [' }}{%- for tool in tools %}{%- set tool = tool.function %}{{- '{\"type\": \"function\", \"function\": {' }}{%- for key, val in tool.items() if key != 'return' %}{%- if val is string %}{{- '\"' + key + '\": \"' + val + '\"' }}{%- else %}{{- '\"' + key + '\": ' + val|tojson }}{%- endif %}{%- if not loop.last %}{{- ', ' }}{%- endif %}{%- endfor %}{{- '}}' }}{%- endfor %}{{- ' ][/AVAILABLE_TOOLS]' }}",
 "{%- for tool in tools %}{{ tool | tojson(indent=4) }}{{ '\\n\\n' }}{% endfor %}",
 "{% for m in messages %}{% if m.tool_calls %}{% for tc in m.tool_calls %}{{ tc.function.name }}({% for k, v in tc.function.arguments.items() %}{{ k }}={{ v|tojson }}{% if not loop.last %}, {% endif %}{% endfor %}){% endfor %}{% endif %}{% endfor %}",
 "{% for m in messages %}{% if m.role == 'tool' %}{{ m.content if m.content is string else m.content|tojson }}{% endif %}{% endfor %}",
 "{{ tools|map(attribute='function')|map(attribute='name')|list }}{{ tools|map('tojson')|join(',') }}",
 "{% set ns = namespace(found=false) %}{% for m in messages %}{% if m.role == 'system' %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }}",
 "{%- set ns = namespace(multi_step_tool=true, last_query_index=messages|length - 1) %}{%- for message in messages[::-1] %}{%- set index = (messages|length - 1) - loop.index0 %}{%- if ns.multi_step_tool and message.role == 'user' and message.content is string %}{%- set ns.multi_step_tool = false %}{%- set ns.last_query_index = index %}{%- endif %}{%- endfor %}{{ ns.last_query_index }}",
 "{% for p in tools[0].function.parameters.properties %}{{ p }}:{{ tools[0].function.parameters.properties[p].type }}{% if p in tools[0].function.parameters.required %}*{% endif %} {% endfor %}",
 "{{ tools[0].function.parameters.properties.q.enum|join('|') }}{{ tools[0]['function']['parameters']['properties']['q']['enum'] }}",
 "{% set tool = tools[0].function %}{{ tool.parameters.items }}|{{ tool['parameters']['items'] }}",
 "{{ (messages|selectattr('role','equalto','user')|list)[-1].content }}", "{{ messages|selectattr('role','equalto','user')|first }}",
 "{{ messages[1].content[1].text|upper }}{{ messages[2].tool_calls[0].function.arguments.n + 1 }}",
 "{% if messages[1].content is not string %}list{% endif %}{% if messages[1].content is iterable %}it{% endif %}{% if messages[1].content is sequence %}seq{% endif %}",
 "{{ messages[2].content|length }}{{ messages[2]|length }}{{ messages|last|attr('role') }}",
 "{%- for message in messages %}{%- if message.role == 'assistant' and message.tool_calls is defined and message.tool_calls is not none %}{%- for tool_call in message.tool_calls %}{{- '<tool_call>\\n' }}{{- tool_call.function|tojson }}{{- '\\n</tool_call>' }}{%- endfor %}{%- endif %}{%- endfor %}",
 "{{ '\\n\\n'.join(['a','b']) }}{{ 'x'.join(messages|map(attribute='role')) }}", "{{ 'Cutting Knowledge Date: December 2023\\nToday Date: ' + strftime_now('%d %b %Y') }}",
 "{% set date_string = date_string | default('26 Jul 2024') %}{{ date_string }}", "{% if tools is not none and tools|length > 0 %}T{% endif %}{% if not tools %}N{% endif %}",
 "{{ messages[0].content|wordcount }}{{ messages[0]|dictsort|first }}", "{%- if messages[-1].role == 'assistant' -%}{{ messages[-1].content }}{%- endif -%}end",
 "{% for m in messages %}{{ m.role|capitalize }}{{ ': ' if not loop.last }}{% endfor %}", "{{ messages|map(attribute='content')|select('string')|list }}",
 "{{ messages|rejectattr('content', 'string')|map(attribute='role')|list }}", "{{ messages|selectattr('tool_calls', 'defined')|map(attribute='tool_calls')|first|first|attr('function') }}",
 "{%- macro render_props(p, depth) -%}{%- for k, v in p.items() -%}{{ '  ' * depth }}{{ k }}: {{ v.type }}{% if v.enum is defined %} ({{ v.enum|join(', ') }}){% endif %}\n{% endfor -%}{%- endmacro -%}{{ render_props(tools[0].function.parameters.properties, 1) }}",
 "{{ tools[0]|tojson(separators=(',', ':')) }}", "{{ tools[0].function.parameters|tojson(sort_keys=true) }}", "{{ tools[0].function.parameters|dictsort|map('first')|list }}",
 "{{ {'a': messages[0].content, 'b': none}|tojson }}{{ [messages[0].content]|string }}{{ (messages[0].content,)|join }}",
 "{% set parts = [] %}{% for m in messages %}{% if m.content is string %}{% set parts = parts + [m.content] %}{% endif %}{% endfor %}{{ parts }}",
 "{{ messages[0].content[:3] ~ '...' ~ messages[0].content[-3:] }}{{ messages[0].content.find('help') }}{{ messages[0].content.title() }}",
 ]:
    t(src, messages=M3, tools=T3)


SKIP_OUTPUT_MARKERS = (" at 0x", "j)")


def render(case):
    env = make_environment()
    try:
        return {**case, "ok": env.from_string(case["src"]).render(**case["vars"])}
    except RaisedByTemplate as exc:
        return {**case, "error": "Raised", "message": str(exc)}
    except (jinja2.exceptions.TemplateSyntaxError, SyntaxError) as exc:
        return {**case, "error": "Syntax", "message": str(exc)}
    except Exception as exc:  # every other failure is a reference outcome too
        return {**case, "error": type(exc).__name__, "message": str(exc)}


def main():
    results = [render(case) for case in C if "include" not in case["src"]]
    results = [r for r in results if not any(m in r.get("ok", "") for m in SKIP_OUTPUT_MARKERS)]
    out = Path(__file__).with_name("jinja-reference-cases.json")
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(results)} cases, {sum('error' in r for r in results)} errors -> {out.name}")


if __name__ == "__main__":
    main()
