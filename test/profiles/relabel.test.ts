import { getProfile, profileForYear, relabel } from '../../src/profiles';

test('a new declaration takes the national 2021 framework from 2021 on, the classic one before', () => {
  expect(profileForYear(2020)).toBe('classic');
  expect(profileForYear(2021)).toBe('national2021');
  expect(profileForYear(2027)).toBe('national2021');
});

test('moving to another framework renames 一级/二级 only where that framework files the 二级 elsewhere', () => {
  const national = getProfile('national2021');
  // Classic files satisfaction under 效益指标; the 2021 framework has it as a 一级 of its own.
  expect(relabel(national, '效益指标', '服务对象满意度指标')).toEqual({
    level1: '满意度指标',
    level2: '服务对象满意度指标',
  });
  // The same place in both: nothing to change.
  expect(relabel(national, '产出指标', '数量指标')).toBeUndefined();
  expect(relabel(national, '效益指标', '社会效益指标')).toBeUndefined();
  // No counterpart (classic's 产出/成本): the user's names stay.
  expect(relabel(national, '产出指标', '成本指标')).toBeUndefined();
  expect(relabel(national, '', '')).toBeUndefined();
  // Back to classic: satisfaction goes under 效益指标 again.
  expect(relabel(getProfile('classic'), '满意度指标', '服务对象满意度指标')).toEqual({
    level1: '效益指标',
    level2: '服务对象满意度指标',
  });
});
