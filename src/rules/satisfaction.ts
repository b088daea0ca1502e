/**
 * A satisfaction score: the name holds 满意度 or 满意率, and is not a rate of the dissatisfied (群众投诉不满意率)
 * nor of something about satisfaction (满意度调查覆盖率).
 */
export const isSatisfactionName = (name: string): boolean =>
  /满意[度率]/u.test(name) && !/不满意|满意度?调查/u.test(name);
